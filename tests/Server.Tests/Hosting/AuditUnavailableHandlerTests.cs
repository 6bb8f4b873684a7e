using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Server.Hosting;
using System.Text.Json;

namespace Server.Tests.Hosting;

public sealed class AuditUnavailableHandlerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task TryHandle_AuditUnavailable_Answers503ProblemDetails()
    {
        var context = new DefaultHttpContext { RequestServices = fixture.Server.Services };
        context.Response.Body = new MemoryStream();

        var handled = await new AuditUnavailableHandler().TryHandleAsync(context, new AuditUnavailableException(new IOException("disk full")), default);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("audit-unavailable", body.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TryHandle_OtherException_LeavesItToTheDefaultHandler()
    {
        var context = new DefaultHttpContext { RequestServices = fixture.Server.Services };

        Assert.False(await new AuditUnavailableHandler().TryHandleAsync(context, new InvalidOperationException(), default));
    }
}
