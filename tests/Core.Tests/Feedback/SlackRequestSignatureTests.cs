using System.Text;
using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class SlackRequestSignatureTests
{
    private const string Secret = "sl4ck-s1gning-s3cret-for-tests";
    private const string Timestamp = "1767268800"; // 2026-01-01T12:00:00Z

    // Computed independently of this code:
    //   printf 'v0:1767268800:payload=%7B%22type%22%3A%22block_actions%22%7D' | openssl dgst -sha256 -hmac 'sl4ck-s1gning-s3cret-for-tests'
    private const string Signature = "v0=acf5e81f631e95b98e8e41998afe4f29d3082e62ebfdedfcde3714677bdbb2fd";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("payload=%7B%22type%22%3A%22block_actions%22%7D");
    private static readonly DateTimeOffset SentAt = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_OpensslVector_IsValid() =>
        Assert.Equal(SignatureStatus.Valid, SlackRequestSignature.Verify(Secret, Timestamp, Signature, Body, SentAt.AddSeconds(3)));

    [Fact]
    public void Sign_OpensslVector_ProducesTheSameHeader() =>
        Assert.Equal(Signature, SlackRequestSignature.Sign(Secret, Timestamp, Body));

    [Fact]
    public void Verify_UppercaseHex_IsValid() =>
        Assert.Equal(SignatureStatus.Valid, SlackRequestSignature.Verify(Secret, Timestamp, "v0=" + Signature[3..].ToUpperInvariant(), Body, SentAt));

    [Fact]
    public void Verify_WrongSecret_IsMismatch() =>
        Assert.Equal(SignatureStatus.Mismatch, SlackRequestSignature.Verify("another-apps-secret", Timestamp, Signature, Body, SentAt));

    [Fact]
    public void Verify_TamperedBody_IsMismatch()
    {
        var tampered = Encoding.UTF8.GetBytes("payload=%7B%22type%22%3A%22block_actionz%22%7D");

        Assert.Equal(SignatureStatus.Mismatch, SlackRequestSignature.Verify(Secret, Timestamp, Signature, tampered, SentAt));
    }

    [Fact]
    public void Verify_TimestampMovedButSignatureKept_IsMismatch()
    {
        // Refreshing the timestamp of a captured request does not help: the timestamp is part of what is signed.
        Assert.Equal(SignatureStatus.Mismatch, SlackRequestSignature.Verify(Secret, "1767269100", Signature, Body, SentAt.AddMinutes(5)));
    }

    [Theory]
    [InlineData(-300, SignatureStatus.Valid)] // exactly five minutes old: still accepted, as Slack's SDKs do
    [InlineData(-301, SignatureStatus.Stale)]
    [InlineData(-3600, SignatureStatus.Stale)] // a replayed capture
    [InlineData(300, SignatureStatus.Valid)]
    [InlineData(301, SignatureStatus.Stale)] // from the future: a wrong clock or a forgery
    public void Verify_TimestampDistanceFromNow_IsRefusedBeyondFiveMinutes(int secondsSentBeforeNow, SignatureStatus expected) =>
        Assert.Equal(expected, SlackRequestSignature.Verify(Secret, Timestamp, Signature, Body, SentAt.AddSeconds(-secondsSentBeforeNow)));

    [Fact]
    public void Verify_StaleTimestampWithTheRightSignature_IsStaleNotValid() =>
        Assert.Equal(SignatureStatus.Stale, SlackRequestSignature.Verify(Secret, Timestamp, Signature, Body, SentAt.AddDays(1)));

    [Theory]
    [InlineData(null, Signature)]
    [InlineData("", Signature)]
    [InlineData(Timestamp, null)]
    [InlineData(Timestamp, "")]
    public void Verify_MissingHeader_IsMissing(string? timestamp, string? signature) =>
        Assert.Equal(SignatureStatus.Missing, SlackRequestSignature.Verify(Secret, timestamp, signature, Body, SentAt));

    [Theory]
    [InlineData("+1767268800", Signature)]
    [InlineData("1767268800.5", Signature)]
    [InlineData("-1", Signature)]
    [InlineData("99999999999999999999", Signature)]
    [InlineData(Timestamp, "v1=acf5e81f631e95b98e8e41998afe4f29d3082e62ebfdedfcde3714677bdbb2fd")]
    [InlineData(Timestamp, "acf5e81f631e95b98e8e41998afe4f29d3082e62ebfdedfcde3714677bdbb2fd")]
    [InlineData(Timestamp, "v0=acf5e81f")]
    [InlineData(Timestamp, "v0=zzf5e81f631e95b98e8e41998afe4f29d3082e62ebfdedfcde3714677bdbb2fd")]
    public void Verify_MalformedHeader_IsMalformed(string timestamp, string signature) =>
        Assert.Equal(SignatureStatus.Malformed, SlackRequestSignature.Verify(Secret, timestamp, signature, Body, SentAt));

    [Fact]
    public void Verify_NoSecretConfigured_Throws() =>
        Assert.Throws<ArgumentException>(() => SlackRequestSignature.Verify("", Timestamp, Signature, Body, SentAt));
}
