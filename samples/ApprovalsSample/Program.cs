await ApprovalsSample.SampleApp.Build(args).RunAsync();
