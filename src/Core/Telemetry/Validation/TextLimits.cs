namespace MLOps.Core.Telemetry.Validation;

/// <summary>
/// Longest text a field may hold. Key fields are indexed: PostgreSQL refuses a btree entry over about 2.7 KB, and
/// the telemetry key holds five text columns, so each gets 128 characters (at most 512 bytes of UTF-8, 2.5 KB for
/// all five). Free text (titles, reasons) is not indexed and only bounded so one row cannot be megabytes.
/// </summary>
public static class TextLimits
{
    public const int KeyChars = 128;

    public const int FreeTextChars = 2_000;
}
