namespace Server.Tests.Console.Admin;

/// <summary>
/// The administration pages' browser tests share one platform and one Chromium, and run one after
/// another: they change the platform's policy set, which another test running beside them would see.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleAdministrationCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console administration";
}
