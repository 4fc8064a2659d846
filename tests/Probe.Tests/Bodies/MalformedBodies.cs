using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace MLOps.Probe.Tests.Bodies;

/// <summary>
/// A seeded generator of request bodies every one of which the API must refuse: a few valid rows of one kind,
/// JSON or CSV, with one thing broken (a field left out, nulled, of the wrong type, too long, holding a NUL or
/// bytes that are not UTF-8, a timestamp out of range, a period ending before it starts, a column twice, a row
/// too long, the document cut short, too many rows, the wrong content type). CsCheck draws the endpoint, format,
/// mutation and row count; the same seed gives the same bodies on every machine.
/// </summary>
internal static class MalformedBodies
{
    private const string Json = "application/json";
    private const string Csv = "text/csv";
    private static readonly DateTimeOffset Base = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] JsonMutations =
    [
        "missing-field", "null-field", "wrong-type", "nul", "overlong", "bad-timestamp", "future-timestamp", "pre-epoch",
        "non-finite", "unknown-property", "null-row", "non-object-row", "end-before-start", "not-an-array", "truncated",
        "empty", "invalid-utf8", "too-many-rows", "wrong-content-type",
    ];

    private static readonly string[] CsvMutations =
    [
        "missing-column", "duplicate-column", "unknown-column", "extra-field", "invalid-utf8", "nul", "overlong",
        "bad-timestamp", "future-timestamp", "pre-epoch", "bad-number", "non-finite", "empty-field", "end-before-start",
        "unterminated-quote", "too-many-rows", "wrong-content-type",
    ];

    public static Gen<MalformedBody> Gen { get; } = CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, IngestionEndpoint.All.Count - 1],
            CsCheck.Gen.Bool,
            CsCheck.Gen.Int[0, 1_000_000],
            CsCheck.Gen.Int[1, 5],
            CsCheck.Gen.Int)
        .Select((endpoint, json, mutation, rows, values) => Build(IngestionEndpoint.All[endpoint], json, mutation, rows, new Random(values)));

    /// <summary><paramref name="count"/> bodies drawn from <paramref name="seed"/>: the same list on every run.</summary>
    public static IReadOnlyList<MalformedBody> Generate(int count, ulong seed)
    {
        var pcg = new PCG(1, seed);
        return [.. Enumerable.Range(0, count).Select(_ => Gen.Generate(pcg, null, out Size _))];
    }

    private static MalformedBody Build(IngestionEndpoint endpoint, bool json, int pick, int rowCount, Random random)
    {
        var mutations = json ? JsonMutations : CsvMutations;
        var mutation = mutations[pick % mutations.Length];
        for (var next = pick + 1; !Applies(endpoint, mutation); next++)
        {
            mutation = mutations[next % mutations.Length];
        }

        var rows = Enumerable.Range(0, mutation == "too-many-rows" ? ProbeHost.MaxBatchRows + 1 : rowCount)
            .Select(index => ValidRow(endpoint, index, random))
            .ToList();
        var bad = random.Next(rows.Count);
        return json ? JsonBody(endpoint, mutation, rows, bad, random) : CsvBody(endpoint, mutation, rows, bad, random);
    }

    private static bool Applies(IngestionEndpoint endpoint, string mutation) => mutation switch
    {
        "non-finite" or "bad-number" => endpoint.Fields.Any(field => field.Kind == FieldKind.Number),
        "end-before-start" => endpoint.HasPeriod,
        _ => true,
    };

    /// <summary>A row that would be stored as it is: every value as its text, in field order.</summary>
    private static Dictionary<string, string?> ValidRow(IngestionEndpoint endpoint, int index, Random random)
    {
        var start = Base.AddMinutes(random.Next(100_000));
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in endpoint.Fields)
        {
            row[field.Name] = field switch
            {
                { Name: "end" } => Timestamp(start.AddMinutes(30 + random.Next(600))),
                { Name: "start" } => Timestamp(start),
                { Kind: FieldKind.Timestamp } => Timestamp(start.AddMinutes(index)),
                { Kind: FieldKind.Number } => (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture),
                { Kind: FieldKind.Metric } => $"probe_metric_{random.Next(10)}",
                { Kind: FieldKind.FreeText } => "planned work, \"phase\" 2",
                { Nullable: true } when random.Next(3) == 0 => null,
                _ => $"probe-{field.Name}-{random.Next(1000)}",
            };
        }

        return row;
    }

    private static MalformedBody JsonBody(IngestionEndpoint endpoint, string mutation, List<Dictionary<string, string?>> rows, int bad, Random random)
    {
        var raw = rows.Select(row => endpoint.Fields.Where(field => row.ContainsKey(field.Name)).Select(field => (field.Name, Value: JsonValue(field, row[field.Name]))).ToList()).ToList();
        var badRow = raw[bad];
        string? rowText = null;
        int? expectedRow = bad;
        string? expectedField = null;
        var contentType = Json;
        switch (mutation)
        {
            case "missing-field":
                expectedField = Pick(endpoint.RequiredFields, random).Name;
                badRow.RemoveAll(pair => pair.Name == expectedField);
                break;
            case "null-field":
                expectedField = Replace(badRow, Pick(endpoint.RequiredFields, random).Name, "null");
                break;
            case "wrong-type":
                var typed = Pick(endpoint.RequiredFields, random);
                expectedField = Replace(badRow, typed.Name, typed.Kind == FieldKind.Number ? "\"lots\"" : "42");
                break;
            case "nul":
                var text = Pick([.. endpoint.Fields.Where(field => field.Kind != FieldKind.Number)], random);
                expectedField = Replace(badRow, text.Name, JsonSerializer.Serialize($"{rows[bad][text.Name] ?? "x"}\0{random.Next(10)}"));
                break;
            case "overlong":
                expectedField = Replace(badRow, Pick([.. endpoint.Fields.Where(field => field.Kind != FieldKind.Number)], random).Name, JsonSerializer.Serialize(new string('x', 3_000)));
                break;
            case "bad-timestamp":
                expectedField = Replace(badRow, Timestamps(endpoint, random), JsonSerializer.Serialize(Pick(["yesterday", "2026-13-45T00:00:00Z", "", "12345"], random)));
                break;
            case "future-timestamp":
                expectedField = Replace(badRow, Timestamps(endpoint, random), "\"2999-01-01T00:00:00Z\"");
                break;
            case "pre-epoch":
                expectedField = Replace(badRow, Timestamps(endpoint, random), "\"1969-07-20T20:17:00Z\"");
                break;
            case "non-finite":
                expectedField = Replace(badRow, "value", JsonSerializer.Serialize(Pick(["NaN", "Infinity", "-Infinity"], random)));
                break;
            case "unknown-property":
                badRow.Add(("colour", "\"teal\""));
                break;
            case "null-row":
                rowText = "null";
                expectedField = "row";
                break;
            case "non-object-row":
                rowText = Pick(["42", "\"row\"", "[]", "true"], random);
                expectedField = "row";
                break;
            case "end-before-start":
                expectedField = Replace(badRow, "end", JsonSerializer.Serialize(Timestamp(DateTimeOffset.Parse(rows[bad]["start"]!, CultureInfo.InvariantCulture).AddHours(-1))));
                break;
            case "too-many-rows":
                (expectedRow, expectedField) = (null, "batch");
                break;
            case "wrong-content-type":
                contentType = Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded"], random);
                (expectedRow, expectedField) = (null, "Content-Type");
                break;
        }

        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", raw.Select((row, index) => index == bad && rowText is not null ? rowText : "{" + string.Join(",", row.Select(pair => $"\"{pair.Name}\":{pair.Value}")) + "}")) + "]");
        switch (mutation)
        {
            case "not-an-array":
                body = Encoding.UTF8.GetBytes(Pick(["{\"rows\":[]}", "42", "\"rows\"", "null"], random));
                (expectedRow, expectedField) = (null, "body");
                break;
            case "truncated":
                body = body[..random.Next(1, body.Length - 1)];
                (expectedRow, expectedField) = (null, null);
                break;
            case "empty":
                body = [];
                (expectedRow, expectedField) = (null, "body");
                break;
            case "invalid-utf8":
                // Inside the first string value of the bad row: the document is well formed but for those bytes.
                var at = Array.IndexOf(body, (byte)'"', Array.IndexOf(body, (byte)':', IndexOfRow(body, bad)) + 1) + 1;
                body = [.. body[..at], 0xFF, 0xFE, .. body[at..]];
                (expectedRow, expectedField) = (null, null);
                break;
        }

        return new MalformedBody(endpoint.Path, contentType, body, $"json/{mutation}", expectedRow, expectedField);
    }

    private static MalformedBody CsvBody(IngestionEndpoint endpoint, string mutation, List<Dictionary<string, string?>> rows, int bad, Random random)
    {
        var header = endpoint.Fields.Select(field => field.Name).ToList();
        var cells = rows.Select(row => header.Select(name => Encoding.UTF8.GetBytes(CsvText(row[name]))).ToList()).ToList();
        int? expectedRow = bad;
        string? expectedField = null;
        var contentType = Csv;
        void Set(string field, byte[] value) => cells[bad][header.IndexOf(field)] = value;
        void SetText(string field, string value) => Set(field, Encoding.UTF8.GetBytes(CsvText(value)));
        switch (mutation)
        {
            case "missing-column":
                expectedField = Pick(endpoint.RequiredFields, random).Name;
                var dropped = header.IndexOf(expectedField);
                header.RemoveAt(dropped);
                cells.ForEach(row => row.RemoveAt(dropped));
                expectedRow = null;
                break;
            case "duplicate-column":
                expectedField = Pick(endpoint.Fields, random).Name;
                var copied = header.IndexOf(expectedField);
                header.Add(expectedField);
                cells.ForEach(row => row.Add(row[copied]));
                expectedRow = null;
                break;
            case "unknown-column":
                header.Add("colour");
                cells.ForEach(row => row.Add("teal"u8.ToArray()));
                (expectedRow, expectedField) = (null, "batch");
                break;
            case "extra-field":
                cells[bad].Add("surplus"u8.ToArray());
                expectedField = "row";
                break;
            case "invalid-utf8":
                expectedField = Pick(endpoint.Fields, random).Name;
                Set(expectedField, [.. "probe"u8, 0xFF, 0xFE]);
                break;
            case "nul":
                expectedField = Pick(endpoint.Fields, random).Name;
                SetText(expectedField, $"{rows[bad][expectedField] ?? "x"}\0");
                break;
            case "overlong":
                expectedField = Pick(endpoint.Fields, random).Name;
                SetText(expectedField, new string('x', 3_000));
                break;
            case "bad-timestamp":
                expectedField = Timestamps(endpoint, random);
                SetText(expectedField, Pick(["yesterday", "2026-13-45T00:00:00Z", "12345"], random));
                break;
            case "future-timestamp":
                expectedField = Timestamps(endpoint, random);
                SetText(expectedField, "2999-01-01T00:00:00Z");
                break;
            case "pre-epoch":
                expectedField = Timestamps(endpoint, random);
                SetText(expectedField, "1969-07-20T20:17:00Z");
                break;
            case "bad-number":
                expectedField = "value";
                SetText(expectedField, Pick(["lots", "1,5", "0x10", "--1"], random));
                break;
            case "non-finite":
                expectedField = "value";
                SetText(expectedField, Pick(["NaN", "Infinity", "-Infinity"], random));
                break;
            case "empty-field":
                expectedField = Pick(endpoint.RequiredFields, random).Name;
                SetText(expectedField, string.Empty);
                break;
            case "end-before-start":
                expectedField = "end";
                SetText(expectedField, Timestamp(DateTimeOffset.Parse(rows[bad]["start"]!, CultureInfo.InvariantCulture).AddHours(-1)));
                break;
            case "unterminated-quote":
                Set(Pick(endpoint.Fields, random).Name, "\"unterminated"u8.ToArray());
                (expectedRow, expectedField) = (null, null);
                break;
            case "too-many-rows":
                (expectedRow, expectedField) = (null, "batch");
                break;
            case "wrong-content-type":
                contentType = Pick(["text/plain", "application/csv", "text/tab-separated-values"], random);
                (expectedRow, expectedField) = (null, "Content-Type");
                break;
        }

        var body = new List<byte>(Encoding.UTF8.GetBytes(string.Join(',', header) + "\n"));
        foreach (var row in cells)
        {
            for (var index = 0; index < row.Count; index++)
            {
                if (index > 0)
                {
                    body.Add((byte)',');
                }

                body.AddRange(row[index]);
            }

            body.Add((byte)'\n');
        }

        return new MalformedBody(endpoint.Path, contentType, [.. body], $"csv/{mutation}", expectedRow, expectedField);
    }

    private static string JsonValue(IngestionField field, string? value) =>
        value is null ? "null" : field.Kind == FieldKind.Number ? value : JsonSerializer.Serialize(value);

    private static string CsvText(string? value) =>
        value is null ? string.Empty
        : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;

    private static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Timestamps(IngestionEndpoint endpoint, Random random) =>
        Pick([.. endpoint.Fields.Where(field => field.Kind == FieldKind.Timestamp)], random).Name;

    private static string Replace(List<(string Name, string Value)> row, string field, string value)
    {
        row.RemoveAll(pair => pair.Name == field);
        row.Add((field, value));
        return field;
    }

    /// <summary>Where row <paramref name="row"/> of a JSON array this generator wrote begins.</summary>
    private static int IndexOfRow(byte[] body, int row)
    {
        var at = 0;
        for (var seen = -1; seen < row; seen++)
        {
            at = Array.IndexOf(body, (byte)'{', at + 1);
        }

        return at;
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];
}
