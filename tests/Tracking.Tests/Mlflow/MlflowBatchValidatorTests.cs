using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class MlflowBatchValidatorTests
{
    private const string RunId = "run-1";

    private static readonly Dictionary<string, string> NothingLogged = [];

    [Fact]
    public void Prepare_SameParamTwiceWithSameValue_SendsItOnce()
    {
        var prepared = MlflowBatchValidator.Prepare(RunId, Params(("lr", "0.01"), ("lr", "0.01")), NothingLogged);

        Assert.Equal([new MlflowParam("lr", "0.01")], prepared.Params);
    }

    [Fact]
    public void Prepare_SameParamTwiceWithDifferentValues_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<MlflowParamConflictException>(() =>
            MlflowBatchValidator.Prepare(RunId, Params(("lr", "0.01"), ("lr", "0.1")), NothingLogged));

        Assert.Equal("lr", error.Key);
        Assert.Contains("'0.1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_ParamLoggedBeforeWithSameValue_DropsIt()
    {
        var prepared = MlflowBatchValidator.Prepare(RunId, Params(("lr", "0.01"), ("seed", "7")), new Dictionary<string, string> { ["lr"] = "0.01" });

        Assert.Equal([new MlflowParam("seed", "7")], prepared.Params);
    }

    [Fact]
    public void Prepare_ParamLoggedBeforeWithOtherValue_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<MlflowParamConflictException>(() =>
            MlflowBatchValidator.Prepare(RunId, Params(("lr", "0.5")), new Dictionary<string, string> { ["lr"] = "0.01" }));

        Assert.Equal("lr", error.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("trailing/")]
    [InlineData("semi;colon")]
    [InlineData("quote'd")]
    public void ValidateKey_Refused_ThrowsInvalidParameter(string key)
    {
        Assert.Throws<MlflowInvalidParameterException>(() => MlflowBatchValidator.ValidateKey("metric", key));
    }

    [Theory]
    [InlineData("loss")]
    [InlineData("mlops.workflow_id")]
    [InlineData("eval/pr-auc at 0.5")]
    [InlineData("mlflow.source.git.commit")]
    public void ValidateKey_Allowed_DoesNotThrow(string key)
    {
        MlflowBatchValidator.ValidateKey("tag", key);
    }

    [Fact]
    public void Prepare_KeyOf250Characters_IsAllowedAnd251IsNot()
    {
        MlflowBatchValidator.Prepare(RunId, new MlflowBatch([new(new string('k', 250), 1, 1, 0)], [], []), NothingLogged);

        Assert.Throws<MlflowInvalidParameterException>(() =>
            MlflowBatchValidator.Prepare(RunId, new MlflowBatch([new(new string('k', 251), 1, 1, 0)], [], []), NothingLogged));
    }

    [Fact]
    public void Prepare_ParamValueOver6000Characters_ThrowsNamingTheParam()
    {
        var error = Assert.Throws<MlflowInvalidParameterException>(() =>
            MlflowBatchValidator.Prepare(RunId, Params(("features", new string('f', 6001))), NothingLogged));

        Assert.Contains("'features'", error.Message, StringComparison.Ordinal);
    }

    private static MlflowBatch Params(params (string Key, string Value)[] parameters) =>
        new([], [.. parameters.Select(param => new MlflowParam(param.Key, param.Value))], []);
}
