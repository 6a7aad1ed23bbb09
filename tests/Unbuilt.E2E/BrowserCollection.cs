namespace Unbuilt.E2E;

/// One server and one Chromium for every browser test, run one test at a time: a browser per test class would
/// crowd a small machine, and each test resets the database anyway.
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserServer>
{
    public const string Name = "Browser";
}
