using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document002;

/// <summary>
/// Adam's coupled weight decay against AdamW's (<see cref="AdamDecayComparison"/>), at the document's learning rate
/// (1e-3) and the weight decay its table uses with AdamW (1e-3).
/// </summary>
public sealed class AdamDecayClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document002;

    /// <summary>How many times weaker, relative to AdamW, Adam's decay must be on the high-gradient quarter to hold.</summary>
    public const double ConcentrationFactor = 1.5;

    /// <inheritdoc/>
    public string Name => "002-adam-vs-adamw";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack) => Rows(AdamDecayComparison.Run(stack));

    /// <summary>Judges both claims against <paramref name="r"/>.</summary>
    public static IReadOnlyList<ClaimRow> Rows(AdamDecayResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        double low = r.LowGradient.AdamOverAdamW, high = r.HighGradient.AdamOverAdamW;
        string setUp = $"Sine-wave net of the L1/L2 experiment (seed 42, {r.Epochs} full-batch epochs, lr 1e-3), weight_decay " +
            $"{r.WeightDecay.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
                       "for both, three runs from identical initial weights; shrink = 1 − Σ|w| / Σ|w without decay|.";
        return
        [
            ClaimRow.Of(Source, "adam-decay-large-gradients",
                "With Adam, weight_decay does less for parameters with large gradients (it is divided by the adaptive step size); AdamW's does not " +
                    "depend on the gradient.",
                "qualitative (no number)",
                $"Adam's shrink ÷ AdamW's: {Judge.Number(high, 0)}× on the quarter of weights with the largest mean |gradient|, " +
                    $"{Judge.Number(low, 0)}× on the smallest " +
                $"(Adam shrinks them {Judge.Percent(r.HighGradient.Adam, 2)} and {Judge.Percent(r.LowGradient.Adam, 2)}, AdamW " +
                    $"{Judge.Percent(r.HighGradient.AdamW, 2)} and {Judge.Percent(r.LowGradient.AdamW, 2)})",
                Judge.From(high * ConcentrationFactor <= low, high < low),
                $"{setUp} Holds if, relative to AdamW, Adam's decay is at least {ConcentrationFactor}× weaker on the high-gradient quarter than " +
                $"on the low-gradient quarter (measured {Judge.Number(low / high, 1)}×); qualitatively if weaker at all. Larger decays (1e-1) " +
                "saturate Adam's shrink of the low-gradient weights near 100% and blur the comparison."),
            ClaimRow.Of(Source, "adamw-stronger-than-adam",
                "At the same weight_decay, AdamW regularises more strongly than Adam, whose coupled decay leaves the model under-regularised.",
                "qualitative (no number)",
                $"overall shrink: AdamW {Judge.Percent(r.All.AdamW, 2)}, Adam {Judge.Percent(r.All.Adam, 2)}; final MSE: none " +
                    $"{Judge.Number(r.UndecayedFinalMse, 4)}, " +
                $"Adam {Judge.Number(r.AdamFinalMse, 4)}, AdamW {Judge.Number(r.AdamWFinalMse, 4)}",
                Judge.From(r.All.AdamW > r.All.Adam),
                $"{setUp} Holds if AdamW shrinks the weights more than Adam does. At these values the opposite is measured: AdamW's " +
                "decay is lr·wd·w = 1e-6·w per step, while Adam divides wd·w by the gradient's running RMS, which for this net's " +
                "weights is far below 1, so the coupled decay dominates their step. Adam's decay is the weaker one only where a " +
                "weight's gradient RMS exceeds 1."),
        ];
    }
}
