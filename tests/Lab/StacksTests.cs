using Shouldly;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>The one <see cref="Stacks"/> the Lab, the tests and the benchmarks look implementations up in.</summary>
public sealed class StacksTests
{
    [Fact]
    public void Every_name_finds_the_stack_of_that_name_and_the_named_instances_are_the_ones_returned()
    {
        Stacks.Names().ShouldBe(["reference", "optimized"]);
        foreach (string name in Stacks.Names())
        {
            Stacks.ByName(name).Name.ShouldBe(name);
        }
        Stacks.ByName("reference").ShouldBeSameAs(Stacks.Reference);
        Stacks.ByName("optimized").ShouldBeSameAs(Stacks.Optimized);
    }

    [Theory]
    [InlineData("both")]
    [InlineData("Optimized")]
    [InlineData("")]
    public void An_unknown_name_is_refused_naming_the_argument_the_value_and_the_choices(string name)
    {
        var error = Should.Throw<ArgumentException>(() => Stacks.ByName(name));
        error.ParamName.ShouldBe("name");
        error.Message.ShouldStartWith($"unknown implementation '{name}': expected reference or optimized.");
    }
}
