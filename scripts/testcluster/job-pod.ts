/** The parts of a Pod the kubelet stand-in reads (core/v1). */
export interface JobPod {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec: {
    nodeName?: string;
    restartPolicy?: "Always" | "OnFailure" | "Never";
    serviceAccountName?: string;
    terminationGracePeriodSeconds?: number;
    containers: JobContainer[];
    volumes?: PodVolume[];
  };
  status?: {
    phase?: string;
    containerStatuses?: Array<{ name: string; restartCount?: number }>;
  };
}

export interface JobContainer {
  name: string;
  image?: string;
  args?: string[];
  env?: Array<{ name: string; value?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
  terminationMessagePath?: string;
  terminationMessagePolicy?: "File" | "FallbackToLogsOnError";
}

interface KeyToPath {
  key: string;
  path: string;
}

export interface PodVolume {
  name: string;
  emptyDir?: object;
  secret?: { secretName: string; items?: KeyToPath[]; optional?: boolean };
  configMap?: { name: string; items?: KeyToPath[]; optional?: boolean };
  projected?: { sources: Array<{ secret?: { name: string; items?: KeyToPath[]; optional?: boolean }; configMap?: { name: string; items?: KeyToPath[]; optional?: boolean } }> };
}
