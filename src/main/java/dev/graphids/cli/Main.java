package dev.graphids.cli;

import dev.graphids.error.GraphidsException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code graphids} command. Subcommands are thin: they parse options and call into the packages below. */
@Command(name = "graphids", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Graph neural network intrusion detection for CAN buses, and its experiment runtime.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, DataCommand.class, ExpCommand.class,
            SimulateCommand.class,
            BenchCommand.class, DetectCommand.class, ExportCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of failures.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns its exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs with an explicit environment (tests use this to point at a temporary lake). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, new CliContext(env, err)).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, CliContext ctx) {
        CommandLine cl = new CommandLine(new Main(), new ContextFactory(ctx));
        addHelpEverywhere(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.matchedOption("--verbose") != null
                    || parseResult.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
            PrintWriter e = commandLine.getErr();
            if (ex instanceof GraphidsException g) {
                e.println("error: " + g.getMessage());
                if (verbose) {
                    g.printStackTrace(e);
                }
                e.flush();
                return g.exitCode();
            }
            e.println("error: internal failure: " + ex);
            if (verbose) {
                ex.printStackTrace(e);
            } else {
                e.println("(run again with --verbose for the stack trace)");
            }
            e.flush();
            return 70;
        });
        return cl;
    }

    /** Every command answers {@code --help} (and {@code -h}), as users of command-line tools expect. */
    private static void addHelpEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            addHelpEverywhere(sub);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Creates commands, handing the shared {@link CliContext} to those whose constructor takes it. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(ctx));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"graphids " + (v == null ? "(development build)" : v)};
        }
    }
}
