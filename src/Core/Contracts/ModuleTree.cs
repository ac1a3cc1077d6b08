namespace Verification.Core;

/// <summary>Walks a module and its sub-modules, as PyTorch's <c>model.modules()</c>.</summary>
public static class ModuleTree
{
    /// <summary>The module itself, then every sub-module, depth first in order (<c>model.modules()</c>).</summary>
    public static IEnumerable<IModule> Modules(this IModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Walk(module);

        static IEnumerable<IModule> Walk(IModule current)
        {
            yield return current;
            foreach (IModule child in current.Children())
            {
                foreach (IModule descendant in Walk(child))
                {
                    yield return descendant;
                }
            }
        }
    }
}
