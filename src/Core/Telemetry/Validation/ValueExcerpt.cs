using System.Globalization;
using System.Text;

namespace MLOps.Core.Telemetry.Validation;

/// <summary>
/// A bad value as an error message quotes it: its start only, control characters escaped. An answer that echoed
/// a whole bad field would be as large as the request (a 30 MB batch gave a 31 MB error) and could smuggle
/// line breaks into logs and terminals.
/// </summary>
public static class ValueExcerpt
{
    public const int MaxQuotedChars = 64;

    /// <summary><c>'value'</c>, or <c>'start…' (N characters)</c> when longer than <see cref="MaxQuotedChars"/>.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var shown = value.Length <= MaxQuotedChars ? value : value[..MaxQuotedChars];
        var text = new StringBuilder(shown.Length + 2).Append('\'');
        foreach (var character in shown)
        {
            if (char.IsControl(character))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
            }
            else
            {
                text.Append(character);
            }
        }

        text.Append('\'');
        return value.Length <= MaxQuotedChars
            ? text.ToString()
            : text.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)").ToString();
    }
}
