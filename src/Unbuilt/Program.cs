using Unbuilt.Cli;

// `unbuilt serve` runs the web app, whose features are listed in Hosting/UnbuiltWebApp.cs (each adds its services, then
// maps its endpoints); every other verb is an admin command (see Cli/).
return await UnbuiltCommandLine.RunAsync(args);
