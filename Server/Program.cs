using Server.Cli;

return await CommandLine.RunAsync(args);
