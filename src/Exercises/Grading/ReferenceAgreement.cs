using FsCheck;
using FsCheck.Fluent;
using Verification.Laws;

namespace Verification.Exercises.Grading;

/// <summary>
/// The Reference stack as a referee: a comparison run over FsCheck-generated cases (shapes, p, seeds, learning rates). On a
/// failure FsCheck shrinks the case, and the violation of the smallest failing case — the last one FsCheck saw fail, since
/// it only moves to a shrunk case that fails too — is rethrown with its counterexample.
/// </summary>
public static class ReferenceAgreement
{
    /// <summary>Generated cases per exercise: enough to cover the grids of shapes and p, few enough to grade in seconds.</summary>
    public const int Cases = 60;

    /// <summary>Runs <paramref name="compare"/>, which throws a <see cref="LawViolation"/> on disagreement, over <paramref name="cases"/>.</summary>
    public static void Check<T>(string law, Arbitrary<T> cases, Action<T> compare)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(compare);
        LawViolation? smallest = null;
        NotImplementedException? stub = null;
        bool Holds(T c)
        {
            try
            {
                compare(c);
                return true;
            }
            catch (LawViolation violation)
            {
                smallest = violation;
            }
            catch (NotImplementedException e)
            {
                stub = e;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                smallest = new LawViolation(law, new Counterexample([], Detail: $"case {c}"), "no exception", $"{e.GetType().Name}: {e.Message}");
            }
            return false;
        }
        try
        {
            FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(cases, Holds));
        }
        catch (Exception) when (stub is not null || smallest is not null)
        {
            if (stub is not null) throw stub;
            throw smallest!;
        }
    }
}
