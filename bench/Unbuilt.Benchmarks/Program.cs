using BenchmarkDotNet.Running;

namespace Unbuilt.Benchmarks;

// Not top-level statements: the app's own `Program` (which the plan benchmarks start) must keep its name.
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
