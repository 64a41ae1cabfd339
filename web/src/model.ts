// Shapes of Atelier's JSON answers (see each service's README) and the calls that fetch them.
import { call, getJson, query, sendJson, type User } from './api';

export const STYLES = ['realistic', 'artistic', 'minimal', 'vibrant'] as const;
export const EMOTIONS = ['calm', 'energetic', 'mysterious', 'hopeful', 'melancholic'] as const;
export const SIZES = ['512x512', '768x768', '1024x1024', '1024x1792', '1792x1024'] as const;
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';
export const FINISHED: JobStatus[] = ['succeeded', 'failed', 'canceled'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Credits {
  tier: string;
  total: number;
  used: number;
  held: number;
  remaining: number;
  granted: number;
  periodStart: string;
  periodEnd: string;
}

export interface UsageItem {
  id: string;
  kind: string;
  amount: number;
  jobId?: string;
  imageId?: string;
  balance: number;
  reason?: string;
  at: string;
}

export interface Job {
  id: string;
  status: JobStatus;
  prompt: string;
  style: string;
  size: string;
  count: number;
  name: string | null;
  emotion: string | null;
  emotionDetected: boolean;
  seed: number;
  provider: string;
  cached: boolean;
  cost: number;
  progress: number;
  imageIds: string[] | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface Accepted {
  id: string;
  status: JobStatus;
  cost: number;
  remainingCredits: number | null;
}

export interface JobEvent {
  id: string;
  status: JobStatus;
  progress: number;
  errorCode?: string;
  errorMessage?: string;
  imageIds?: string[];
  at: string;
}

export interface Validation {
  valid: boolean;
  problems: { field: string; message: string }[];
  detectedEmotion: string | null;
  suggestedName: string | null;
  estimatedCost: number | null;
  blockedReason: string | null;
}

export interface GenerationDraft {
  prompt: string;
  style: string;
  count: number;
  size: string;
  name?: string;
  emotion?: string;
  provider?: string;
}

export interface ServiceStatus {
  providers: Record<string, string>;
  queueDepth: number;
  running: number;
  estimatedWaitSeconds: number | null;
}

export interface ImageItem {
  id: string;
  name: string;
  prompt: string | null;
  style: string | null;
  emotion: string | null;
  tags: string[];
  favorite: boolean;
  width: number | null;
  height: number | null;
  bytes: number | null;
  format: string | null;
  createdAt: string;
  thumbUrl: string | null;
}

export interface ImageDetail extends ImageItem {
  source: 'generated' | 'uploaded' | null;
  jobId: string | null;
  metadata: Record<string, unknown>;
  variants: Record<string, string>;
}

export interface TrashItem extends ImageItem {
  deletedAt: string;
  purgeAt: string;
}

export interface Share {
  id: string;
  createdAt: string;
  expiresAt: string;
}

export interface GalleryFilters {
  q?: string;
  style?: string;
  emotion?: string;
  tag?: string;
  favorite?: string;
  from?: string;
  to?: string;
}

export interface UserStats {
  images: number;
  storageBytes: number;
  generations: number;
  credits: { tier: string; total: number; used: number; held: number; remaining: number } | null;
  byStyle: Record<string, number>;
}

export interface GalleryStats {
  images: number;
  favorites: number;
  storageBytes: number;
  byStyle: Record<string, number>;
  byEmotion: Record<string, number>;
}

const GENERATIONS = '/api/v1/generations';
const IMAGES = '/api/v1/images';

export const api = {
  credits: () => getJson<Credits>('/api/v1/credits'),
  usage: (cursor?: string | null) => getJson<Page<UsageItem>>(`/api/v1/credits/usage${query({ cursor, limit: 20 })}`),
  validate: (draft: GenerationDraft) => getJson<Validation>(`${GENERATIONS}/validate`, { method: 'POST', body: draft }),
  submit: (draft: GenerationDraft, idempotencyKey: string) =>
    sendJson<Accepted>('POST', GENERATIONS, draft, { 'Idempotency-Key': idempotencyKey }),
  status: () => getJson<ServiceStatus>(`${GENERATIONS}/status`),
  job: (id: string) => getJson<Job>(`${GENERATIONS}/${encodeURIComponent(id)}`),
  jobs: (cursor?: string | null) => getJson<Page<Job>>(`${GENERATIONS}${query({ cursor, limit: 10 })}`),
  cancel: (id: string) => sendJson<Job>('POST', `${GENERATIONS}/${encodeURIComponent(id)}/cancel`),
  images: (filters: GalleryFilters, cursor?: string | null) =>
    getJson<Page<ImageItem>>(`${IMAGES}${query({ ...filters, cursor, limit: 24 })}`),
  /** The images of one job that are already in the gallery (an empty page until they land). */
  jobImages: (jobId: string) => getJson<Page<ImageItem>>(`${IMAGES}${query({ job: jobId, sort: 'oldest', limit: 4 })}`),
  image: (id: string) => getJson<ImageDetail>(`${IMAGES}/${encodeURIComponent(id)}`),
  patchImage: (id: string, patch: Record<string, unknown>) =>
    sendJson<ImageDetail>('PATCH', `${IMAGES}/${encodeURIComponent(id)}`, patch,
      { 'Content-Type': 'application/merge-patch+json' }),
  trashImage: (id: string) => sendJson<null>('DELETE', `${IMAGES}/${encodeURIComponent(id)}`),
  purgeImage: (id: string) => sendJson<null>('DELETE', `${IMAGES}/${encodeURIComponent(id)}?permanent=true`),
  restore: (id: string) => sendJson<ImageDetail>('POST', `${IMAGES}/${encodeURIComponent(id)}/restore`),
  trash: (cursor?: string | null) => getJson<Page<TrashItem>>(`/api/v1/trash${query({ cursor, limit: 24 })}`),
  download: (id: string) =>
    sendJson<{ url: string; expiresAt: string }>('POST', `${IMAGES}/${encodeURIComponent(id)}/download`),
  share: (id: string, expiresIn: string) =>
    sendJson<{ id: string; url: string; expiresAt: string }>('POST', `${IMAGES}/${encodeURIComponent(id)}/shares`,
      { expiresIn }),
  shares: (id: string) => getJson<{ items: Share[] }>(`${IMAGES}/${encodeURIComponent(id)}/shares`),
  revokeShare: (id: string, shareId: string) =>
    sendJson<null>('DELETE', `${IMAGES}/${encodeURIComponent(id)}/shares/${encodeURIComponent(shareId)}`),
  regenerate: (id: string) => sendJson<Accepted>('POST', `${IMAGES}/${encodeURIComponent(id)}/regenerate`, {}),
  upload: (form: FormData) => sendJson<ImageDetail>('POST', '/api/v1/uploads', form),
  me: () => getJson<User>('/api/v1/users/me'),
  updateMe: (patch: { name?: string; currentPassword?: string; newPassword?: string }) =>
    sendJson<User>('PATCH', '/api/v1/users/me', patch),
  deleteMe: (password: string) => call('/api/v1/users/me', { method: 'DELETE', body: { password } }),
  userStats: () => getJson<UserStats>('/api/v1/users/me/stats'),
  galleryStats: () => getJson<GalleryStats>('/api/v1/stats'),
};

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) {
    return '–';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '–';
}
