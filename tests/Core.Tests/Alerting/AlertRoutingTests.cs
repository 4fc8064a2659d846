using MLOps.Core.Alerting;

namespace MLOps.Core.Tests.Alerting;

public sealed class AlertRoutingTests
{
    [Theory]
    [InlineData(ModelStage.Shadow, AlertRoute.Record)]
    [InlineData(ModelStage.Secondary, AlertRoute.Chat)]
    [InlineData(ModelStage.Champion, AlertRoute.Page)]
    public void For_Stage_RoutesAsDesigned(ModelStage stage, AlertRoute expected)
    {
        Assert.Equal(expected, AlertRouting.For(stage));
    }
}
