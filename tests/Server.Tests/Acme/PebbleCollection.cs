namespace Server.Tests.Acme;

/// <summary>The ACME client tests against pebble share one set of pebble processes.</summary>
[CollectionDefinition(Name)]
public sealed class PebbleCollection : ICollectionFixture<PebbleFixture>
{
    public const string Name = "Pebble";
}
