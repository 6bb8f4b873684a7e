namespace Server.Tests.Acme;

/// <summary>The ACME client tests against pebble: they pass there, so they test the clients and the harness.</summary>
[Collection(PebbleCollection.Name)]
public sealed class PebbleAcmeClientTests(PebbleFixture pebble) : AcmeClientInteropTests
{
    protected override AcmeServerUnderTest Server => pebble.Open;

    protected override AcmeServerUnderTest ServerRequiringExternalAccount => pebble.RequiringExternalAccount;

    protected override string NewDirectory() => pebble.NewDirectory();
}
