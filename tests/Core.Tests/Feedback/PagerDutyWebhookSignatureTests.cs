using System.Text;
using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class PagerDutyWebhookSignatureTests
{
    private const string OldSecret = "pd-webhook-secret-old";
    private const string NewSecret = "pd-webhook-secret-new";

    // Computed independently of this code: printf '{"event":{"id":"evt-1"}}' | openssl dgst -sha256 -hmac '<secret>'
    private const string SignedWithOld = "v1=d0a9fc4aa29a0991e33a659b587499f8dda9c3f3c6daf10c80f94d7c5e066d5b";
    private const string SignedWithNew = "v1=73c64fdc4e8ceb149bba3f60fb42842ccb1b04cde7faf039c1279712090177ba";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":{"id":"evt-1"}}""");

    [Fact]
    public void Verify_OneSecretOneSignature_IsValid() =>
        Assert.Equal(SignatureStatus.Valid, PagerDutyWebhookSignature.Verify([OldSecret], SignedWithOld, Body));

    [Fact]
    public void Sign_OpensslVectors_ProduceTheSameEntries()
    {
        Assert.Equal(SignedWithOld, PagerDutyWebhookSignature.Sign(OldSecret, Body));
        Assert.Equal(SignedWithNew, PagerDutyWebhookSignature.Sign(NewSecret, Body));
    }

    [Fact]
    public void Verify_Utf8Body_IsSignedOverItsUtf8Bytes()
    {
        // printf '{"event":{"id":"evt-2","summary":"Zürich ☕"}}' | openssl dgst -sha256 -hmac 'pd-webhook-secret-new'
        var body = Encoding.UTF8.GetBytes("""{"event":{"id":"evt-2","summary":"Zürich ☕"}}""");

        Assert.Equal(SignatureStatus.Valid, PagerDutyWebhookSignature.Verify([NewSecret], "v1=d6795065a3d18a9b6c1d578936e92a2b0460581de8593f281350078ebc351318", body));
    }

    [Fact]
    public void Verify_WrongSecret_IsMismatch() =>
        Assert.Equal(SignatureStatus.Mismatch, PagerDutyWebhookSignature.Verify(["not-the-subscription-secret"], SignedWithOld, Body));

    [Fact]
    public void Verify_TamperedBody_IsMismatch() =>
        Assert.Equal(SignatureStatus.Mismatch, PagerDutyWebhookSignature.Verify([OldSecret], SignedWithOld, Encoding.UTF8.GetBytes("""{"event":{"id":"evt-9"}}""")));

    [Theory]
    [InlineData(SignedWithOld + "," + SignedWithNew)] // PagerDuty signs with both secrets during a rotation
    [InlineData(SignedWithNew + ", " + SignedWithOld)]
    [InlineData(SignedWithNew)]
    public void Verify_DuringRotationWithOnlyTheNewSecretConfigured_IsValid(string header) =>
        Assert.Equal(SignatureStatus.Valid, PagerDutyWebhookSignature.Verify([NewSecret], header, Body));

    [Fact]
    public void Verify_BothSecretsConfiguredAndOnlyTheOldOneSigned_IsValid() =>
        Assert.Equal(SignatureStatus.Valid, PagerDutyWebhookSignature.Verify([NewSecret, OldSecret], SignedWithOld, Body));

    [Fact]
    public void Verify_RotatedAwaySecretOnly_IsMismatch() =>
        Assert.Equal(SignatureStatus.Mismatch, PagerDutyWebhookSignature.Verify([NewSecret], SignedWithOld, Body));

    [Fact]
    public void Verify_UnknownVersionNextToAValidV1_IsValid() =>
        Assert.Equal(SignatureStatus.Valid, PagerDutyWebhookSignature.Verify([OldSecret], "v2=abcdef," + SignedWithOld, Body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Verify_NoHeader_IsMissing(string? header) =>
        Assert.Equal(SignatureStatus.Missing, PagerDutyWebhookSignature.Verify([OldSecret], header, Body));

    [Theory]
    [InlineData("v2=d0a9fc4aa29a0991e33a659b587499f8dda9c3f3c6daf10c80f94d7c5e066d5b")]
    [InlineData("d0a9fc4aa29a0991e33a659b587499f8dda9c3f3c6daf10c80f94d7c5e066d5b")]
    [InlineData("v1=d0a9fc")]
    [InlineData(",,,")]
    public void Verify_NoUsableV1Signature_IsMalformed(string header) =>
        Assert.Equal(SignatureStatus.Malformed, PagerDutyWebhookSignature.Verify([OldSecret], header, Body));

    [Fact]
    public void Verify_MoreEntriesThanAnyRotationNeeds_IsMalformed()
    {
        var header = string.Join(",", Enumerable.Repeat(SignedWithNew, PagerDutyWebhookSignature.MaxSignatures).Append(SignedWithOld));

        Assert.Equal(SignatureStatus.Malformed, PagerDutyWebhookSignature.Verify([OldSecret], header, Body));
    }

    [Fact]
    public void Verify_NoSecretConfigured_Throws()
    {
        Assert.Throws<ArgumentException>(() => PagerDutyWebhookSignature.Verify([], SignedWithOld, Body));
        Assert.Throws<ArgumentException>(() => PagerDutyWebhookSignature.Verify([OldSecret, ""], SignedWithOld, Body));
    }
}
