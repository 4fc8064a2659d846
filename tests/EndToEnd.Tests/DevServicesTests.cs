using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Minio.DataModel.Args;
using MLOps.Testing;
using Npgsql;

namespace MLOps.EndToEnd.Tests;

/// <summary>Each service that deploy/dev/services.sh starts answers a real request.</summary>
public sealed class DevServicesTests
{
    [SkippableFact]
    public async Task Postgres_Query_AnswersAsTheMlopsRole()
    {
        await ServiceGuard.RequireAsync("PostgreSQL", async () =>
        {
            await using var probe = new NpgsqlConnection(TestSettings.PostgresConnectionString);
            await probe.OpenAsync();
        });

        await using var connection = new NpgsqlConnection(TestSettings.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user, 6 * 7", connection);
        await using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal("mlops", reader.GetString(0));
        Assert.Equal(42, reader.GetInt32(1));
    }

    [SkippableFact]
    public async Task S3_PutListGet_RoundTripsThroughTheMinioSdk()
    {
        using var client = S3TestClient.Create();
        await ServiceGuard.RequireAsync("S3 endpoint", () => client.ListBucketsAsync());
        var bucket = $"roundtrip-{Guid.NewGuid():N}"[..24];
        var key = "folder/hello.txt";
        var content = Encoding.UTF8.GetBytes("hello from the Minio SDK");

        await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket));
        using (var upload = new MemoryStream(content))
        {
            await client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(bucket).WithObject(key).WithStreamData(upload).WithObjectSize(content.Length)
                .WithContentType("text/plain"));
        }

        var listed = new List<string>();
        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithPrefix("folder/").WithRecursive(true)))
        {
            listed.Add(item.Key);
        }

        using var downloaded = new MemoryStream();
        await client.GetObjectAsync(new GetObjectArgs().WithBucket(bucket).WithObject(key)
            .WithCallbackStream(stream => stream.CopyTo(downloaded)));

        Assert.Equal([key], listed);
        Assert.Equal(content, downloaded.ToArray());
    }

    [SkippableFact]
    public async Task Prometheus_InstantQuery_ReturnsItsOwnScrape()
    {
        using var http = new HttpClient { BaseAddress = TestSettings.PrometheusUrl };
        await ServiceGuard.RequireAsync("Prometheus", async () => (await http.GetAsync(new Uri("/-/ready", UriKind.Relative))).EnsureSuccessStatusCode());

        // The first scrape lands a few seconds after Prometheus is ready, so poll for it.
        var value = await Eventually.WaitForAsync(
            async () =>
            {
                using var document = await http.GetFromJsonAsync<JsonDocument>(new Uri("/api/v1/query?query=up%7Bjob%3D%22prometheus%22%7D", UriKind.Relative));
                var result = document!.RootElement.GetProperty("data").GetProperty("result");
                return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
            },
            TimeSpan.FromSeconds(30),
            "Prometheus to scrape itself");

        Assert.Equal("1", value);
    }
}
