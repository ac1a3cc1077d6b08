using System.Text.Json;
using Verification.Core;
using Verification.Core.Random;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Golden;

/// <summary>
/// Every case of tests/Golden/dropout.json (libtorch 2.10, CPU, float32): the Reference Dropout and Dropout2d draw
/// the same masks as PyTorch from the same seed and compute the same float32 values, bit for bit.
/// </summary>
public class DropoutGoldenTests
{
    /// <summary>The 16-block normal path of randn is matched to about 1e-6, not bit for bit (see RngCaseRunner).</summary>
    private const double RandnTolerance = RngCaseRunner.BlockNormalTolerance;

    public static TheoryData<int> LayerCases() => IndicesOf("Dropout", "Dropout2d");

    public static TheoryData<int> OnesCases() => IndicesOf("Dropout.ones");

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void Dropout_and_Dropout2d_match_PyTorch_bit_for_bit_forward_and_backward(int index)
    {
        JsonElement c = GoldenFile.Cases("dropout.json")[index];
        int[] shape = c.Ints("shape");
        double p = c.Param("p");
        string what = $"{c.Op()}(p={p}) seed {c.Seed()}";
        float[] x = c.Floats("x"), gradOutput = c.Floats("grad_output");

        // x = randn(shape); grad_output = randn(shape); then the layer's mask continues the same stream.
        var generator = new TorchGenerator(c.Seed());
        CloseToRandn(x, generator.Randn(shape).Data, $"{what}: x = randn");
        CloseToRandn(gradOutput, generator.Randn(shape).Data, $"{what}: grad_output = randn");

        IModule layer = c.Op() == "Dropout" ? new Reference.Dropout(p, generator) : new Reference.Dropout2d(p, generator);
        Tensor y = layer.Forward(Tensor.FromValues(x, shape));
        Tensor gradInput = layer.Backward(Tensor.FromValues(gradOutput, shape));

        ExactUpToSignOfZero(c.Floats("y"), y.Data, $"{what}: y");
        ExactUpToSignOfZero(c.Floats("grad_input"), gradInput.Data, $"{what}: grad_input");
    }

    [Theory]
    [MemberData(nameof(OnesCases))]
    public void Dropout_on_ones_matches_the_documents_PyTorch_calls(int index)
    {
        JsonElement c = GoldenFile.Cases("dropout.json")[index];
        int[] shape = c.Ints("shape");
        double p = c.Param("p");
        var layer = new Reference.Dropout(p, new TorchGenerator(c.Seed()));

        Tensor y = layer.Forward(Tensor.Ones(shape));

        ExactUpToSignOfZero(c.Floats("values"), y.Data, $"Dropout(p={p}) on ones{Shapes.Format(shape)} seed {c.Seed()}");
    }

    private static TheoryData<int> IndicesOf(params string[] ops)
    {
        var data = new TheoryData<int>();
        var cases = GoldenFile.Cases("dropout.json");
        for (int i = 0; i < cases.Count; i++)
        {
            if (ops.Contains(cases[i].Op())) data.Add(i);
        }
        return data;
    }

    private static void CloseToRandn(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (error > RandnTolerance * Math.Max(1, Math.Abs(expected[i])))
            {
                throw new XunitException($"{what}: index {i} expected {expected[i]:R} but got {actual[i]:R}.");
            }
        }
    }

    /// <summary>
    /// Bit-for-bit, except that +0 and −0 count as equal: PyTorch computes dropped units as x·0, which is −0 for
    /// negative x, but the golden writer prints every zero as <c>0</c> (no file in tests/Golden holds a −0).
    /// </summary>
    private static void ExactUpToSignOfZero(float[] expected, float[] actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values but got {actual.Length}.");
        }
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                        || (expected[i] == 0f && actual[i] == 0f);
            if (!same)
            {
                throw new XunitException($"{what}: index {i} expected {expected[i]:R} but got {actual[i]:R} (bit-exact comparison).");
            }
        }
    }
}
