using System.CommandLine;

var root = new RootCommand("mlops: on-call commands, local experiment runs, importers and the fleet simulator.");
return await root.Parse(args).InvokeAsync();
