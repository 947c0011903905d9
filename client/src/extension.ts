// The VS Code client: starts the ShapeLens language server over node IPC for Python files (and Python
// notebook cells) and TF.js code in TypeScript and JavaScript, and adds the model-summary view and a
// restart command. Everything else is the server's.

import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { MODEL_SUMMARY_REQUEST, ModelSummaryParams, ModelSummaryResult, SHOW_SUMMARY_COMMAND } from '../../server/src/lsp/protocol';

const SUMMARY_SCHEME = 'shapelens-summary';
const LANGUAGES = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ShapeLens');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any scheme: files, untitled buffers, notebook cells (each cell on its own), virtual workspaces.
    documentSelector: LANGUAGES.map(language => ({ language })),
    outputChannel: output,
    synchronize: { configurationSection: 'shapelens' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('shapelens') },
  };
  client = new LanguageClient('shapelens', 'ShapeLens', serverOptions, clientOptions);

  const summaries = new SummaryDocuments();
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, summaries),
    vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, (uri?: string, modelName?: string) => showSummary(summaries, uri, modelName)),
    vscode.commands.registerCommand('shapelens.restartServer', async () => {
      output.appendLine('Restarting the ShapeLens server…');
      await client?.restart();
    }),
  );
  await client.start();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/** Read-only documents holding model summaries, addressed as `shapelens-summary:/<model>.txt?<n>`. */
class SummaryDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 0;

  add(modelName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${modelName}.txt`, query: String(this.next++) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

/** From a code lens (uri and model given) or the command palette (pick a model of the active editor). */
async function showSummary(summaries: SummaryDocuments, uri?: string, modelName?: string): Promise<void> {
  if (!client) return;
  if (!uri || !modelName) {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !LANGUAGES.includes(editor.document.languageId)) {
      void vscode.window.showInformationMessage('ShapeLens: open a Python, TypeScript or JavaScript file with a model first.');
      return;
    }
    uri = editor.document.uri.toString();
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    const names = lenses.filter(l => l.command?.command === SHOW_SUMMARY_COMMAND).map(l => String(l.command!.arguments?.[1]));
    if (names.length === 0) {
      void vscode.window.showInformationMessage('ShapeLens: no Keras model found in this file.');
      return;
    }
    modelName = names.length === 1 ? names[0] : await vscode.window.showQuickPick(names, { placeHolder: 'Which model?' });
    if (!modelName) return;
  }
  const params: ModelSummaryParams = { uri, modelName };
  const result = await client.sendRequest<ModelSummaryResult>(MODEL_SUMMARY_REQUEST, params);
  if (!result.text) {
    void vscode.window.showInformationMessage(`ShapeLens: model '${modelName}' is not in the document any more.`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(summaries.add(modelName, result.text));
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}
