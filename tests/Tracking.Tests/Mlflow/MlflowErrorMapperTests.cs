using System.Net;
using MLOps.Tracking.Mlflow;
using RestSharp;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class MlflowErrorMapperTests
{
    [Theory]
    [InlineData(2, typeof(MlflowAlreadyExistsException))]
    [InlineData(4, typeof(MlflowNotFoundException))]
    [InlineData(5, typeof(MlflowInvalidParameterException))]
    [InlineData(19, typeof(MlflowParamConflictException))]
    [InlineData(53, typeof(MlflowEndpointException))]
    [InlineData(56, typeof(MlflowInvalidParameterException))]
    [InlineData(63, typeof(MlflowEndpointException))]
    public void ToException_RecordedAnswer_MapsToItsType(int exchange, Type expected)
    {
        var exception = MlflowErrorMapper.ToException(Recorded(exchange), "TEST");

        Assert.IsType(expected, exception);
    }

    [Fact]
    public void ToException_DuplicateWithSqlText_KeepsOnlyTheFirstLine()
    {
        var exception = MlflowErrorMapper.ToException(Recorded(2), "POST experiments/create");

        Assert.Equal("RESOURCE_ALREADY_EXISTS", exception.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains("Experiment(name=ref-exp) already exists", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("INSERT INTO", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_ChangedParam_NamesTheKey()
    {
        var exception = Assert.IsType<MlflowParamConflictException>(MlflowErrorMapper.ToException(Recorded(19), "POST runs/log-parameter"));

        Assert.Equal("optimizer", exception.Key);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void ToException_ThrottledOrServerError_IsTransient(int status)
    {
        var response = Response((HttpStatusCode)status, "text/html", "<html>Bad Gateway</html>");

        Assert.IsType<MlflowTransientException>(MlflowErrorMapper.ToException(response, "GET runs/get"));
    }

    [Fact]
    public void ToException_NoAnswerAtAll_IsTransientWithoutStatus()
    {
        var response = new RestResponse(new RestRequest()) { ResponseStatus = ResponseStatus.TimedOut, ErrorException = new TimeoutException("took too long") };

        var exception = Assert.IsType<MlflowTransientException>(MlflowErrorMapper.ToException(response, "GET runs/get"));

        Assert.Null(exception.StatusCode);
        Assert.Contains("took too long", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_JsonContentTypeButGarbageBody_FallsBackOnStatus()
    {
        var exception = MlflowErrorMapper.ToException(Response(HttpStatusCode.BadRequest, "application/json", "{not json"), "POST runs/create");

        Assert.IsType<MlflowInvalidParameterException>(exception);
        Assert.Contains("{not json", exception.Message, StringComparison.Ordinal);
    }

    private static RestResponse Recorded(int exchange)
    {
        var file = RecordedMlflowServer.RecordedFile(exchange);
        var parts = Path.GetFileName(file).Split('.');
        var status = (HttpStatusCode)int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture);
        return Response(status, parts[^1] == "html" ? "text/html; charset=utf-8" : "application/json", File.ReadAllText(file));
    }

    private static RestResponse Response(HttpStatusCode status, string contentType, string body) =>
        new(new RestRequest())
        {
            StatusCode = status,
            ContentType = contentType,
            Content = body,
            ResponseStatus = ResponseStatus.Completed,
        };
}
