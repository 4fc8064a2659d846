using System.Reflection;
using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;

namespace MLOps.Architecture.Tests;

public sealed class LogEventTests
{
    [Fact]
    public void LoggerMessages_AcrossTheProduct_EachHaveTheirOwnIdFromLogEvents()
    {
        var messages = ProductAssemblies.Methods()
            .Select(method => (Method: $"{method.DeclaringType!.Name}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(entry => entry.Attribute is not null)
            .ToList();
        var listed = typeof(LogEvents).GetFields().Select(field => (int)field.GetRawConstantValue()!).ToHashSet();

        Assert.True(messages.Count > 40, $"only {messages.Count} [LoggerMessage] methods found: are the product assemblies loaded?");
        var shared = messages.GroupBy(entry => entry.Attribute!.EventId).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Method))}").ToList();
        Assert.True(shared.Count == 0, $"Event ids used by more than one message: {string.Join("; ", shared)}");
        var unlisted = messages.Where(entry => !listed.Contains(entry.Attribute!.EventId)).Select(entry => $"{entry.Method} ({entry.Attribute!.EventId})").ToList();
        Assert.True(unlisted.Count == 0, $"Event ids not in LogEvents: {string.Join(", ", unlisted)}");
        var unused = listed.Except(messages.Select(entry => entry.Attribute!.EventId)).ToList();
        Assert.True(unused.Count == 0, $"LogEvents ids no message uses: {string.Join(", ", unused)}");
    }
}
