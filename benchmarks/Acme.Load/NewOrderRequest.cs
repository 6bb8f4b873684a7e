namespace Acme.Load;

/// <summary>A newOrder payload (§7.4).</summary>
internal sealed record NewOrderRequest(Identifier[] Identifiers);
