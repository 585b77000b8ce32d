/** What a WebGPU adapter says of itself (GPUAdapterInfo), as plain data. */
export interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** The spec's flag for an adapter that trades speed for availability (Dawn sets it on CPU adapters). */
  readonly isFallbackAdapter: boolean;
}

// Dawn names the CPU implementations it meets: Mesa's lavapipe (llvmpipe) and Google's SwiftShader.
const softwareNames = /\b(software|swiftshader|llvmpipe|lavapipe|softpipe|warp)\b/i;

/**
 * A software adapter runs WebGPU on the CPU: correct, and slower than this project's wasm kernels.
 * Dawn flags it as a fallback adapter; the names catch drivers that do not.
 */
export const isSoftwareAdapter = (info: AdapterInfo): boolean =>
  info.isFallbackAdapter || softwareNames.test(`${info.architecture} ${info.device} ${info.description}`);

/** For the backend report: `mesa software (llvmpipe: Mesa 25.0.7 ...), software adapter`. */
export const describeAdapter = (info: AdapterInfo): string => {
  const name = [info.vendor, info.architecture].filter((part) => part !== '').join(' ') || 'unnamed adapter';
  const detail = info.description !== '' ? info.description : info.device;
  return `${name}${detail === '' ? '' : ` (${detail})`}${isSoftwareAdapter(info) ? ', software adapter' : ''}`;
};

/**
 * Dawn's reasons for rejecting drivers, from its stderr: the `Warning:`/`Error:` lines, without
 * the notes it prints about adapters it accepted (limits it lowered). Deduplicated, in order.
 */
export const dawnComplaints = (stderr: string): readonly string[] => [
  ...new Set(
    stderr
      .split(/\r?\n/)
      .flatMap((line) => /^(?:Warning|Error): (.+)$/.exec(line.trim())?.slice(1) ?? [])
      .filter((line) => !line.includes('artificially reduced')),
  ),
];
