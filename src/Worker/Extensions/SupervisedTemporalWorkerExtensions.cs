using MLOps.Activities.Failures;
using MLOps.Worker.Temporal;
using Temporalio.Extensions.Hosting;

namespace MLOps.Worker.Extensions;

public static class SupervisedTemporalWorkerExtensions
{
    /// <summary>
    /// Like <c>AddHostedTemporalWorker(taskQueue)</c>, and configured through the same builder, but the
    /// hosted service is a <see cref="SupervisedTemporalWorkerService"/>: it waits for the connection and
    /// restarts the worker after a failure instead of stopping the host.
    /// </summary>
    /// <param name="gracefulShutdown">How long running activities get to finish when the host stops.</param>
    public static ITemporalWorkerServiceOptionsBuilder AddSupervisedTemporalWorker(this IServiceCollection services, string taskQueue, TimeSpan gracefulShutdown)
    {
        services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<SupervisedTemporalWorkerService>(provider, taskQueue));

        // The options are named by task queue, as AddHostedTemporalWorker names them; a second worker on the same queue is refused.
        return new TemporalWorkerServiceOptionsBuilder(taskQueue, services)
            .ConfigureOptions(
                options =>
                {
                    options.TaskQueue = taskQueue;
                    options.GracefulShutdownTimeout = gracefulShutdown;
                    // Every worker of the platform decides retryability the same way (IPermanentFailure).
                    options.Interceptors = [new PermanentFailureInterceptor()];
                },
                disallowDuplicates: true);
    }
}
