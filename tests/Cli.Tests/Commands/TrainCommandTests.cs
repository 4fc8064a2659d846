using System.CommandLine;
using MLOps.Cli.Commands;

namespace MLOps.Cli.Tests.Commands;

public sealed class TrainCommandTests
{
    [Fact]
    public async Task Train_NeitherDatabaseNorFiles_FailsNamingTheOptions()
    {
        var (exitCode, error) = await Run("train", "--model", "m");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Give --services, --from and --to to read PostgreSQL, or --dataset and --path to read files.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_DatasetWithoutPath_FailsNamingThePath()
    {
        var (exitCode, error) = await Run("train", "--dataset", "smd");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--dataset needs --path DIR.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--trees", "0", "NumberOfTrees")]
    [InlineData("--early-stopping-patience", "-1", "EarlyStoppingPatience")]
    public async Task Train_FastTreeOptionOutOfRange_FailsNamingItBeforeReadingData(string option, string value, string property)
    {
        var (exitCode, error) = await Run("train", "--dataset", "smd", "--path", "/nonexistent", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(property, error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> Run(params string[] args)
    {
        var root = new RootCommand();
        root.AddTrainingCommands();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString());
    }
}
