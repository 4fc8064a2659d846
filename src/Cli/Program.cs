using System.CommandLine;
using MLOps.Cli.Commands;

var root = new RootCommand("mlops: on-call commands, local experiment runs, importers and the fleet simulator.");
root.AddDataCommands();
root.AddSimulateCommand();
root.AddOnCallCommands();
root.AddTrainingCommands();
return await root.Parse(args).InvokeWithUsageExitCodeAsync();
