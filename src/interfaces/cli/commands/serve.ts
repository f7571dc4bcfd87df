import type { Command } from "commander";
import { composeCaseServices } from "../../../compose.ts";
import { loadConfig } from "../../../config.ts";
import { AppError } from "../../../services/errors.ts";

export function registerServe(program: Command, out: (text: string) => void): void {
  program
    .command("serve")
    .description("Serve the HTTP API (OpenAPI description at /openapi.json)")
    .option("-p, --port <port>", "port to listen on", "3000")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--data <dir>", "embedded database directory (default $OPENIMR_DATA_DIR or ./.openimr-data; DATABASE_URL selects PostgreSQL)")
    .action(async (options: { port: string; host: string; data?: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError("INPUT_INVALID", `--port "${options.port}" is not a port number.`);
      const config = loadConfig(process.env);
      if (options.data) config.dataDir = options.data;
      const services = await composeCaseServices(config);
      // The HTTP stack loads only for this command.
      const { buildApp } = await import("../../http/app.ts");
      const app = await buildApp(services, { organisationName: config.organisationName, logger: true });
      const address = await app.listen({ port, host: options.host });
      out(
        `openimr: serving the API at ${address} (database: ${services.database === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"}); OpenAPI at ${address}/openapi.json\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await app.close();
      await services.close();
    });
}
