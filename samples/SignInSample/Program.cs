await SignInSample.SampleApp.Build(args).RunAsync();
