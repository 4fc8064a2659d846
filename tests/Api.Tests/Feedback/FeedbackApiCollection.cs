namespace MLOps.Api.Tests.Feedback;

/// <summary>The feedback tests share one host and its database; each test starts from <see cref="FeedbackApiHost.ResetAsync"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FeedbackApiCollection : ICollectionFixture<FeedbackApiHost>
{
    public const string Name = "Feedback API";
}
