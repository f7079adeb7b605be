// The caulk extension is only a launcher: every feature (diagnostics, quick
// fixes, suppressions, hover documentation) comes from `caulk server`.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration("caulk");
  // An empty setting means "whatever `caulk` is on PATH", so a fresh
  // install works without configuration.
  const command = config.get<string>("path")?.trim() || "caulk";
  const args = ["server", ...(config.get<string[]>("args") ?? [])];
  return { command, args, transport: TransportKind.stdio };
}

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: "file", language: "dockerfile" },
      { scheme: "untitled", language: "dockerfile" },
      { scheme: "file", language: "yaml" },
      { scheme: "untitled", language: "yaml" },
    ],
    // The server registers its own watchers for `.caulk.yaml` and
    // `.hadolint.yaml`; nothing to synchronise from here.
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  client = new LanguageClient("caulk", "caulk", serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `caulk: could not start the language server (${message}). ` +
        "Install caulk or set `caulk.path`.",
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("caulk.restart", async () => {
      await client?.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The executable and its arguments are read at start: restart to apply them.
      if (event.affectsConfiguration("caulk.path") || event.affectsConfiguration("caulk.args")) {
        await client?.stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
