using Verification.Core;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// Each loss's Backward before any Forward has nothing to differentiate and says so naming the loss, on both stacks.
/// Mutation testing of the Reference (docs/reliability.md, "Mutation testing") found BCEWithLogitsLoss's and
/// CrossEntropyLoss's messages unchecked.
/// </summary>
public class LossGuardTests
{
    public static TheoryData<string> StackNames() => [.. Verification.Stacks.Names()];

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Backward_before_forward_names_the_loss(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        foreach ((string name, ILoss loss) in new (string, ILoss)[]
                 {
                     ("MSELoss", stack.MSELoss()),
                     ("BCEWithLogitsLoss", stack.BCEWithLogitsLoss()),
                     ("CrossEntropyLoss", stack.CrossEntropyLoss()),
                 })
        {
            var error = Assert.Throws<InvalidOperationException>(loss.Backward);

            Assert.Equal($"{name}: Backward called before Forward.", error.Message);
        }
    }
}
