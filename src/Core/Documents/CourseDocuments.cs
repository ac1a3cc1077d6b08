namespace Verification.Core.Documents;

/// <summary>
/// The file names of the five course documents, the one place they are spelled: claims, figures, exercises and the
/// Lab's output cite a document by these constants. Each <c>DocumentNNN</c> folder of src/Experiments and
/// src/Exercises holds the programs and questions of the document with the same number.
/// </summary>
public static class CourseDocuments
{
    /// <summary>Overfitting on 60 samples, dropout as its cure, and the forgotten <c>model.eval()</c>.</summary>
    public const string Document000 = "000_467f5e23d3be4dee.txt";

    /// <summary>"Dropout Explained": a beginner's guide (ten ones through <c>nn.Dropout(0.3)</c>).</summary>
    public const string Document001 = "001_9b6fb180196b46a2.txt";

    /// <summary>"Dropout &amp; Regularisation in Neural Networks: The Deep Guide" (L1/L2, inverted dropout, BatchNorm, AdamW).</summary>
    public const string Document002 = "002_91f9a1e79ea80b56.txt";

    /// <summary>Dropout on a churn network: mask arithmetic, the rate-sensitivity table, honest limitations.</summary>
    public const string Document003 = "003_8edb894460b127c3.txt";

    /// <summary>"Dropout &amp; Regularization Techniques": dropout as noise-based regularisation.</summary>
    public const string Document004 = "004_c66a46257145a448.txt";
}
