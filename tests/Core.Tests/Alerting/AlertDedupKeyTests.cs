using MLOps.Core.Alerting;

namespace MLOps.Core.Tests.Alerting;

public sealed class AlertDedupKeyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 12, 45, TimeSpan.FromHours(1));

    [Fact]
    public void Create_OrdinaryNames_FormatsModelVersionServiceAndUtcStartMinute()
    {
        Assert.Equal("mlops/latency-anomaly/v7/checkout/20261124T0212Z", AlertDedupKey.Create("latency-anomaly", "7", "checkout", Start));
    }

    [Fact]
    public void Create_VeryLongNames_StaysWithinPagerDutyLimitAndUnique()
    {
        var first = AlertDedupKey.Create(new string('m', 200), "7", new string('s', 100), Start);
        var second = AlertDedupKey.Create(new string('m', 200), "7", new string('s', 101), Start);

        Assert.True(first.Length <= AlertDedupKey.MaxLength);
        Assert.EndsWith("/20261124T0212Z", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Create_EmptyService_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlertDedupKey.Create("m", "1", " ", Start));
    }
}
