namespace Server.Tests.Interop;

/// <summary>The interop tests share one platform per hierarchy algorithm.</summary>
[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropFixture>
{
    public const string Name = "Interop";
}
