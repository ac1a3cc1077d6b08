using System.Reflection;
using System.Reflection.Emit;
using Verification.Exercises.Grading;
using Xunit;

namespace Verification.Exercises.Tests;

/// <summary>
/// Expected values come from the Reference stack, PyTorch's facts or closed forms, never from the answer key: grading the
/// key against itself would pass whatever the key says. The key and the grader share one assembly, so the check reads the
/// IL of every method of the grading code (the Documents and Grading namespaces and the catalog, compiler-generated
/// closures included) and fails on any instruction that names a type or member of the key's namespace.
/// </summary>
public class GradingIndependenceTests
{
    private const string KeyNamespace = "Verification.Exercises.Key";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_grading_code_references_the_answer_key()
    {
        var offenders = GradingMethods()
            .SelectMany(m => ReferencedMembers(m).Where(IsInKeyNamespace).Select(r => $"{m.DeclaringType!.FullName}.{m.Name} uses {Describe(r)}"))
            .Distinct()
            .ToArray();
        Assert.True(offenders.Length == 0,
            "grading code must compute expected values from the Reference stack, PyTorch facts or closed forms, not from the key:\n" +
            string.Join("\n", offenders));
    }

    [Fact]
    public void The_scan_reads_the_grading_code_it_guards()
    {
        // Without this, a scanner that found no methods or decoded no tokens would pass the test above vacuously.
        var members = GradingMethods().SelectMany(ReferencedMembers).ToArray();
        Assert.Contains(members, m => m.DeclaringType == typeof(IAnswers) && m.Name == nameof(IAnswers.InvertedDropout));
        Assert.Contains(members, m => m.DeclaringType == typeof(IAnswers) && m.Name == nameof(IAnswers.BuildOverfittingModel));
        Assert.Contains(members, m => m.DeclaringType == typeof(Feedback) && m.Name == nameof(Feedback.Numbers));
    }

    private static IEnumerable<MethodBase> GradingMethods()
    {
        var assembly = typeof(Catalog).Assembly;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static |
                                 BindingFlags.DeclaredOnly;
        return assembly.GetTypes()
            .Where(t => t.Namespace is "Verification.Exercises.Documents" or "Verification.Exercises.Grading" || t == typeof(Catalog))
            .SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
            .Where(m => m.GetMethodBody() is not null);
    }

    /// <summary>Every type, method and field an IL instruction of <paramref name="method"/> names, plus its locals' types.</summary>
    private static IEnumerable<MemberInfo> ReferencedMembers(MethodBase method)
    {
        var body = method.GetMethodBody()!;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        byte[] il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    if (member is not null) yield return member;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static bool IsInKeyNamespace(MemberInfo member) => member switch
    {
        Type type => RefersToKey(type),
        MethodInfo m => RefersToKey(m.DeclaringType) || RefersToKey(m.ReturnType) || m.GetParameters().Any(p => RefersToKey(p.ParameterType)),
        _ => RefersToKey(member.DeclaringType),
    };

    private static bool RefersToKey(Type? type) =>
        type is not null && !type.IsGenericParameter && (type.Namespace == KeyNamespace || RefersToKey(type.DeclaringType) ||
                             (type.HasElementType && RefersToKey(type.GetElementType())) ||
                             (type.IsGenericType && type.GetGenericArguments().Any(RefersToKey)));

    private static string Describe(MemberInfo member) => member is Type t ? t.FullName ?? t.Name : $"{member.DeclaringType?.FullName}.{member.Name}";
}
