namespace Server.Tests.Interop;

/// <summary>An HTTP answer as curl saw it.</summary>
public sealed record CurlAnswer(int Status, string ContentType, string Body);
