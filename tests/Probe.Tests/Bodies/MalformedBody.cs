using System.Globalization;

namespace MLOps.Probe.Tests.Bodies;

/// <summary>
/// One request the API must refuse: what was broken, and where the answer must say it is (row and field) when
/// that is certain; null where several answers are right (a truncated document may fail at any row).
/// </summary>
/// <param name="Row">The row the answer must name, when one is certain.</param>
/// <param name="Field">The field the answer must name for that row (or the batch when <paramref name="Row"/> is null).</param>
internal sealed record MalformedBody(string Endpoint, string ContentType, byte[] Body, string Mutation, int? Row, string? Field)
{
    public override string ToString() =>
        $"{Endpoint} {ContentType} {Mutation} (row {Row?.ToString(CultureInfo.InvariantCulture) ?? "-"}, field {Field ?? "-"})";
}
