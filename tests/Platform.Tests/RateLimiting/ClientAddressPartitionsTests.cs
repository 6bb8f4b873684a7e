using Platform.RateLimiting;
using System.Net;

namespace Platform.Tests.RateLimiting;

public sealed class ClientAddressPartitionsTests
{
    [Fact]
    public void KeyOf_Ipv6AddressesOfOnePrefix_ShareOneBucket() =>
        Assert.Equal(ClientAddressPartitions.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), ClientAddressPartitions.KeyOf(IPAddress.Parse("2001:db8:1:2:ffff::9")));

    [Fact]
    public void KeyOf_Ipv6AddressesOfTwoPrefixes_TwoBuckets() =>
        Assert.NotEqual(ClientAddressPartitions.KeyOf(IPAddress.Parse("2001:db8:1:2::1")), ClientAddressPartitions.KeyOf(IPAddress.Parse("2001:db8:1:3::1")));

    [Fact]
    public void KeyOf_Ipv4MappedAddress_IsTheIpv4Address() =>
        Assert.Equal("192.0.2.7", ClientAddressPartitions.KeyOf(IPAddress.Parse("::ffff:192.0.2.7")));
}
