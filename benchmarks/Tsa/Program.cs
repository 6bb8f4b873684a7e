using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text.RegularExpressions;
using Tsa.Benchmarks;

// Time-stamp authority throughput: RFC 3161 tokens per second over HTTP keep-alive with many
// concurrent connections (wrk), against the raw ECDSA P-256 signing rate of every core measured
// in the same run. Starts the Release server itself on free loopback ports with a temporary data
// directory, and stops it; every phase is bounded in time.
//
//   dotnet build -c Release Server && dotnet run -c Release --project benchmarks/Tsa
//   dotnet run -c Release --project benchmarks/Tsa -- --in-process   (TimeStamper.Stamp without HTTP)
// Options: --seconds 20 --warmup 15 --reference-seconds 10 --connections 64 --threads 2 --bodies 50000
//          --samples 256 --key ECDSA-P256 --wrk /usr/bin/wrk --server path/to/Server.dll
//          --audit-log (server at Information rather than Warning)
// The figure the documentation reports comes from benchmarks/Tsa/run.sh: the server under its
// defaults against `openssl speed` in the same run. This program adds the CPU view and --in-process.
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {Machine.CpuModel()}, {RuntimeInformationText()}");
Console.WriteLine($"date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");

if (options.InProcess)
{
    await InProcessBenchmark.RunAsync(options);
    return 0;
}

return await HttpBenchmark.RunAsync(options);

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

namespace Tsa.Benchmarks
{
    internal sealed record BenchmarkOptions(
        int Seconds, int WarmupSeconds, int ReferenceSeconds, int Connections, int Threads, int Bodies, int Samples,
        string Wrk, bool InProcess, string KeyAlgorithm, string? Server, bool AuditLog)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Unexpected argument {args[i]}.");
                }

                if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    values[args[i][2..]] = args[++i];
                }
                else
                {
                    flags.Add(args[i][2..]);
                }
            }

            int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return new BenchmarkOptions(
                Seconds: Math.Clamp(Int("seconds", 20), 1, 300),
                WarmupSeconds: Math.Clamp(Int("warmup", 15), 0, 120),
                ReferenceSeconds: Math.Clamp(Int("reference-seconds", 10), 1, 120),
                Connections: Math.Clamp(Int("connections", 64), 1, 4096),
                Threads: Math.Clamp(Int("threads", 2), 1, 64),
                Bodies: Math.Clamp(Int("bodies", 50_000), 1, 1_000_000),
                Samples: Math.Clamp(Int("samples", 256), 1, 100_000),
                Wrk: values.GetValueOrDefault("wrk", "/usr/bin/wrk"),
                InProcess: flags.Contains("in-process"),
                KeyAlgorithm: values.GetValueOrDefault("key", "ECDSA-P256"),
                Server: values.GetValueOrDefault("server"),
                AuditLog: flags.Contains("audit-log"));
        }
    }

    /// <summary>Pre-generated TimeStampReqs as real clients send them: SHA-256 imprint, 64-bit nonce, certReq.</summary>
    internal sealed record TimestampQuery(byte[] Hash, Rfc3161TimestampRequest Request, byte[] Body)
    {
        public static TimestampQuery Create()
        {
            var hash = RandomNumberGenerator.GetBytes(32);
            var nonce = RandomNumberGenerator.GetBytes(8);
            nonce[0] = (byte)((nonce[0] & 0x7F) | 0x01);
            var request = Rfc3161TimestampRequest.CreateFromHash(hash, HashAlgorithmName.SHA256, nonce: nonce, requestSignerCertificates: true);
            return new TimestampQuery(hash, request, request.Encode());
        }

        /// <summary>Checks a reply: granted, for this imprint and nonce, signature valid.</summary>
        public bool Verify(byte[] reply, out string problem)
        {
            try
            {
                var token = Request.ProcessResponse(reply, out _);
                if (!token.VerifySignatureForHash(Hash, HashAlgorithmName.SHA256, out var signer, []))
                {
                    problem = "signature does not verify";
                    return false;
                }

                signer?.Dispose();
                problem = "";
                return true;
            }
            catch (CryptographicException e)
            {
                problem = e.Message;
                return false;
            }
        }
    }

    /// <summary>The physical limit: ECDSA P-256 signatures per second through .NET (OpenSSL), one thread per core.</summary>
    internal static class SignReference
    {
        public sealed record Result(double PerSecond, double CpuMicrosecondsPerSign, int Threads);

        public static Result Measure(int threads, TimeSpan duration)
        {
            var counts = new long[threads];
            var stop = 0;
            var workers = new Thread[threads];
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            using var start = new ManualResetEventSlim();
            for (var t = 0; t < threads; t++)
            {
                var index = t;
                workers[t] = new Thread(() =>
                {
                    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    // About the size of a token's signed attributes.
                    var message = RandomNumberGenerator.GetBytes(200);
                    start.Wait();
                    long n = 0;
                    while (Volatile.Read(ref stop) == 0)
                    {
                        key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                        n++;
                    }

                    counts[index] = n;
                }) { IsBackground = true };
                workers[t].Start();
            }

            var clock = Stopwatch.StartNew();
            start.Set();
            Thread.Sleep(duration);
            Volatile.Write(ref stop, 1);
            foreach (var worker in workers)
            {
                worker.Join();
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds;
            var total = counts.Sum();
            return new Result(total / elapsed, cpu / total, threads);
        }
    }

    internal static class Machine
    {
        public static string CpuModel()
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
            catch (IOException)
            {
                return "unknown CPU";
            }
        }

        /// <summary>Busy and total jiffies of the whole machine, from /proc/stat.</summary>
        public static (long Busy, long Total) CpuTicks()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }

        /// <summary>CPU time of the child processes that have exited and been waited for (getrusage RUSAGE_CHILDREN).</summary>
        public static TimeSpan ReapedChildrenCpu()
        {
            if (GetResourceUsage(-1, out var usage) != 0)
            {
                return TimeSpan.Zero;
            }

            return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1e6 + usage.UserMicroseconds + usage.SystemMicroseconds);
        }

        // struct rusage on 64-bit Linux: two timevals, then fourteen longs (144 bytes).
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 144)]
        private struct ResourceUsage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
        private static extern int GetResourceUsage(int who, out ResourceUsage usage);

        public static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SecurityPlatform.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Run from inside the repository (SecurityPlatform.sln not found above the program).");
        }
    }

    internal static partial class HttpBenchmark
    {
        public static async Task<int> RunAsync(BenchmarkOptions options)
        {
            var serverDll = options.Server ?? Path.Combine(Machine.RepositoryRoot(), "Server", "bin", "Release", "net10.0", "Server.dll");
            if (!File.Exists(serverDll))
            {
                Console.Error.WriteLine($"{serverDll} is missing: run 'dotnet build -c Release Server' first.");
                return 2;
            }

            if (!File.Exists(options.Wrk))
            {
                Console.Error.WriteLine($"wrk not found at {options.Wrk} (--wrk PATH).");
                return 2;
            }

            var work = Directory.CreateTempSubdirectory("tsa-bench-");
            try
            {
                return await RunInAsync(options, serverDll, work.FullName);
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }

        private static async Task<int> RunInAsync(BenchmarkOptions options, string serverDll, string work)
        {
            Console.WriteLine($"generating {options.Bodies} requests (random SHA-256 imprints, nonce, certReq)");
            var queries = Enumerable.Range(0, options.Bodies).Select(_ => TimestampQuery.Create()).ToArray();
            var bodiesFile = Path.Combine(work, "bodies.bin");
            await using (var file = File.Create(bodiesFile))
            {
                foreach (var query in queries)
                {
                    file.WriteByte((byte)(query.Body.Length >> 8));
                    file.WriteByte((byte)query.Body.Length);
                    file.Write(query.Body);
                }
            }

            var httpPort = Machine.FreePort();
            var httpsPort = Machine.FreePort();
            var baseUrl = $"http://127.0.0.1:{httpPort}";
            using var server = StartServer(serverDll, work, $"{baseUrl};https://127.0.0.1:{httpsPort}", options.KeyAlgorithm, options.AuditLog);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
                await WaitReadyAsync(client, server);
                var granted = await StampAsync(client, queries[0]);
                if (!queries[0].Verify(granted, out var firstProblem))
                {
                    Console.Error.WriteLine("the first reply is not a valid granted token: " + firstProblem);
                    return 1;
                }

                Console.WriteLine($"server up on {baseUrl} (pid {server.Id}), reply {granted.Length} bytes with certificates, " +
                    (options.AuditLog ? "durable audit trail, log level Information" : "durable audit trail, log level Warning"));
                var script = Path.Combine(AppContext.BaseDirectory, "post.lua");
                if (options.WarmupSeconds > 0)
                {
                    Console.WriteLine($"warm-up: {options.WarmupSeconds}s");
                    _ = await RunWrkAsync(options, script, baseUrl, bodiesFile, options.WarmupSeconds);
                }

                var before = SignReference.Measure(Environment.ProcessorCount, TimeSpan.FromSeconds(options.ReferenceSeconds));
                Console.WriteLine($"reference (before): {before.PerSecond:F0} ECDSA P-256 signs/s on {before.Threads} threads, {before.CpuMicrosecondsPerSign:F1} CPU-µs/sign");

                var serverCpuBefore = ServerCpu(server);
                var wrkCpuBefore = Machine.ReapedChildrenCpu();
                var machineBefore = Machine.CpuTicks();
                var load = await RunWrkAsync(options, script, baseUrl, bodiesFile, options.Seconds);
                var serverCpu = ServerCpu(server) - serverCpuBefore;
                var wrkCpu = Machine.ReapedChildrenCpu() - wrkCpuBefore;
                var machineAfter = Machine.CpuTicks();

                // The host's own floor: keep-alive GETs of /health/live, no body, no signature.
                var floorCpuBefore = ServerCpu(server);
                var floor = await RunWrkAsync(options, null, baseUrl, bodiesFile, Math.Max(3, options.Seconds / 4), "/health/live");
                var floorCpu = (ServerCpu(server) - floorCpuBefore).TotalMicroseconds / floor.Requests;

                var after = SignReference.Measure(Environment.ProcessorCount, TimeSpan.FromSeconds(options.ReferenceSeconds));
                Console.WriteLine($"reference (after): {after.PerSecond:F0} ECDSA P-256 signs/s on {after.Threads} threads, {after.CpuMicrosecondsPerSign:F1} CPU-µs/sign");

                var bad = 0;
                for (var i = 0; i < options.Samples; i++)
                {
                    var query = queries[(i * 7_919) % queries.Length];
                    if (!query.Verify(await StampAsync(client, query), out var problem))
                    {
                        bad++;
                        Console.Error.WriteLine("sample not granted or invalid: " + problem);
                    }
                }

                var tokens = load.Requests / (load.DurationMicroseconds / 1e6);
                var reference = (before.PerSecond + after.PerSecond) / 2;
                var busy = (double)(machineAfter.Busy - machineBefore.Busy) / (machineAfter.Total - machineBefore.Total);
                var serverCpuPerToken = serverCpu.TotalMicroseconds / load.Requests;
                var wrkCpuPerToken = wrkCpu.TotalMicroseconds / load.Requests;
                var signCpu = (before.CpuMicrosecondsPerSign + after.CpuMicrosecondsPerSign) / 2;
                Console.WriteLine();
                Console.WriteLine($"load: wrk -t{options.Threads} -c{options.Connections} -d{options.Seconds}s, {load.Requests} requests, " +
                    $"{load.Bytes / (double)load.Requests:F0} bytes/reply, latency p50 {load.P50Microseconds / 1000.0:F1} ms, p99 {load.P99Microseconds / 1000.0:F1} ms");
                Console.WriteLine($"errors: non-2xx {load.StatusErrors}, connect {load.ConnectErrors}, read {load.ReadErrors}, write {load.WriteErrors}, timeout {load.Timeouts}; " +
                    $"samples verified {options.Samples - bad}/{options.Samples} granted with valid signature, nonce and imprint");
                Console.WriteLine($"server CPU: {serverCpu.TotalSeconds / (load.DurationMicroseconds / 1e6):F2} cores, {serverCpuPerToken:F1} CPU-µs/token " +
                    $"(sign alone {signCpu:F1} CPU-µs; GET /health/live {floorCpu:F1} CPU-µs/request); wrk {wrkCpuPerToken:F1} CPU-µs/token; " +
                    $"whole machine busy {busy:P0} during the load");
                Console.WriteLine();
                Console.WriteLine($"tokens/s:     {tokens:F0}");
                Console.WriteLine($"reference:    {reference:F0} ECDSA P-256 signs/s ({Environment.ProcessorCount} threads, mean of before and after)");
                Console.WriteLine($"ratio:        {tokens / reference:P1} of the signing limit");
                Console.WriteLine($"CPU ratio:    {signCpu / (serverCpuPerToken + wrkCpuPerToken):P1} of the CPU per token (server + wrk) is the signature; " +
                    $"idle cores would allow about {Environment.ProcessorCount * 1e6 / (serverCpuPerToken + wrkCpuPerToken):F0} tokens/s against {Environment.ProcessorCount * 1e6 / signCpu:F0} signs/s");
                var failed = bad > 0 || load.StatusErrors > 0 || load.Requests == 0;
                return failed ? 1 : 0;
            }
            finally
            {
                StopServer(server);
            }
        }

        /// <summary>
        /// The server at log level Warning, or Information with <paramref name="auditLog"/>; either way
        /// every token is a durable audit event. Its output is drained by this program.
        /// </summary>
        private static Process StartServer(string serverDll, string dataDirectory, string urls, string keyAlgorithm, bool auditLog)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                serverDll, "--Platform:DataDirectory", Path.Combine(dataDirectory, "data"), "--urls", urls,
                "--Serilog:MinimumLevel:Default", auditLog ? "Information" : "Warning", "--Tsa:KeyAlgorithm", keyAlgorithm,
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
            // Drained so the server never blocks on a full pipe; shown only when it fails to start.
            process.OutputDataReceived += (_, e) => ServerOutput.Add(e.Data);
            process.ErrorDataReceived += (_, e) => ServerOutput.Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        private static readonly BoundedLog ServerOutput = new(200);

        private static void StopServer(Process server)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit(10_000);
            }
        }

        private static TimeSpan ServerCpu(Process server)
        {
            server.Refresh();
            return server.TotalProcessorTime;
        }

        private static async Task WaitReadyAsync(HttpClient client, Process server)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException("The server exited during start-up:\n" + ServerOutput);
                }

                try
                {
                    using var response = await client.GetAsync("/health/ready");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(200);
            }

            throw new TimeoutException("The server was not ready within 90 s:\n" + ServerOutput);
        }

        private static async Task<byte[]> StampAsync(HttpClient client, TimestampQuery query)
        {
            using var content = new ByteArrayContent(query.Body);
            content.Headers.ContentType = new("application/timestamp-query");
            using var response = await client.PostAsync("/tsa", content);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }

        internal sealed record WrkResult(long Requests, long DurationMicroseconds, long Bytes, long ConnectErrors, long ReadErrors,
            long WriteErrors, long StatusErrors, long Timeouts, long P50Microseconds, long P99Microseconds);

        private static async Task<WrkResult> RunWrkAsync(BenchmarkOptions options, string? script, string baseUrl, string bodies, int seconds, string path = "/tsa")
        {
            script ??= Path.Combine(AppContext.BaseDirectory, "get.lua");
            var start = new ProcessStartInfo(options.Wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                $"-t{options.Threads}", $"-c{options.Connections}", $"-d{seconds}s", "--timeout", "10s", "-s", script, baseUrl + path, "--", bodies,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
            var output = wrk.StandardOutput.ReadToEndAsync();
            var errors = wrk.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
            try
            {
                await wrk.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                wrk.Kill();
                throw new TimeoutException("wrk did not finish in time.");
            }

            var text = await output;
            var match = ResultLine().Match(text);
            if (wrk.ExitCode != 0 || !match.Success)
            {
                throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}):\n{text}\n{await errors}");
            }

            long Field(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
            return new WrkResult(Field("requests"), Field("duration"), Field("bytes"), Field("connect"), Field("read"), Field("write"),
                Field("status"), Field("timeout"), Field("p50"), Field("p99"));
        }

        [GeneratedRegex(@"RESULT requests=(?<requests>\d+) duration_us=(?<duration>\d+) bytes=(?<bytes>\d+) connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) status=(?<status>\d+) timeout=(?<timeout>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+)")]
        private static partial Regex ResultLine();
    }

    /// <summary>The last lines a child process wrote.</summary>
    internal sealed class BoundedLog(int capacity)
    {
        private readonly Queue<string> lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Enqueue(line);
                if (lines.Count > capacity)
                {
                    lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }
}
