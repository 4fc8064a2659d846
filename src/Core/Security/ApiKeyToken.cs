using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MLOps.Core.Security;

/// <summary>
/// An API key as handed to its owner: <c>mlops_{id}_{secret}</c>. The id finds the stored key; only
/// the sha256 of the secret is stored. A plain sha256 suffices (no slow password hash) because the
/// secret is 256 random bits, not something a person chose.
/// </summary>
public sealed record ApiKeyToken(string Id, string Secret)
{
    private const string Prefix = "mlops_";
    private const int IdLength = 12;

    public override string ToString() => $"{Prefix}{Id}_{Secret}";

    /// <summary>A new key from the system's cryptographic random source.</summary>
    public static ApiKeyToken Generate() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2)), Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? value, out ApiKeyToken token)
    {
        token = new ApiKeyToken(string.Empty, string.Empty);
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length <= Prefix.Length + IdLength + 1)
        {
            return false;
        }

        var id = value.Substring(Prefix.Length, IdLength);
        if (value[Prefix.Length + IdLength] != '_' || !id.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        token = new ApiKeyToken(id, value[(Prefix.Length + IdLength + 1)..]);
        return true;
    }

    public byte[] SecretHash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));

    /// <summary>Compares in constant time so response timing reveals nothing about a stored hash.</summary>
    public bool Matches(byte[] storedSecretHash) => CryptographicOperations.FixedTimeEquals(SecretHash(), storedSecretHash);
}
