using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Tests.Schema;

public sealed class SchemaParserTests
{
    [Fact]
    public void Parse_NamespacedSchema_ResolvesNamesAndActions()
    {
        var result = CedarSchema.Parse("""
            // comment
            @doc("photo sharing")
            namespace PhotoApp {
              @doc("a user")
              entity User in [UserGroup] {
                "department": String,
                jobLevel?: Long,
              } tags String;
              entity UserGroup;
              entity Photo, Album in [Album] = { owner: User, tags: Set<String> };
              type Ctx = { ip?: __cedar::ipaddr, when: datetime };
              action "view" in ["read"] appliesTo { principal: User, resource: [Photo, Album], context: Ctx };
              action read;
            }
            """);

        Assert.True(result.IsSuccess, result.Error);
        var schema = result.Value!;
        Assert.Contains("PhotoApp::User", schema.EntityTypeNames);
        Assert.Contains("PhotoApp::Album", schema.EntityTypeNames);
        var view = schema.Actions[new EntityUid("PhotoApp::Action", "view")];
        Assert.Equal([new EntityUid("PhotoApp::Action", "read")], view.MemberOf);
        Assert.Equal(["PhotoApp::Photo", "PhotoApp::Album"], view.ResourceTypes);
        var context = Assert.IsType<RecordType>(view.Context);
        Assert.False(context.Attributes["ip"].Required);
        Assert.Equal(new ExtensionType("datetime"), context.Attributes["when"].Type);
        Assert.Equal(["PhotoApp::UserGroup"], schema.EntityTypes["PhotoApp::User"].MemberOf);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsPosition()
    {
        var result = CedarSchema.Parse("entity User {\n  name String\n};");

        Assert.False(result.IsSuccess);
        Assert.StartsWith("2:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EnumEntity_KeepsIds()
    {
        var schema = CedarSchema.Parse("entity Color enum [\"red\", \"green\"];").Value!;

        Assert.Equal(["red", "green"], schema.EntityTypes["Color"].EnumValues!);
    }
}
