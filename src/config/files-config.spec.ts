import { loadConfig } from './app-config';
import { ConfigError } from './environment';
import { DEFAULT_ALLOWED_TYPES } from './files-config';

describe('documents configuration (FILES_*)', () => {
  it('keeps files under DATA_DIR/files with nothing set: 50 MB, the default types, 20 files verified a day', () => {
    const config = loadConfig({ DATA_DIR: '/srv/oversight' });
    expect(config.files).toEqual({ storage: { driver: 'local', root: '/srv/oversight/files' }, maxBytes: 50_000_000, allowedTypes: DEFAULT_ALLOWED_TYPES, verifySample: 20 });
  });

  it('reads a folder, an S3 bucket with its prefix, the size limit and the allowed types', () => {
    expect(loadConfig({ FILES_URL: 'file:///mnt/evidence' }).files.storage).toEqual({ driver: 'local', root: '/mnt/evidence' });
    const s3 = loadConfig({
      FILES_URL: 's3://oversight-docs/prod/evidence', FILES_S3_ENDPOINT: 'http://minio:9000', FILES_S3_ACCESS_KEY_ID: 'key', FILES_S3_SECRET_ACCESS_KEY: 'secret',
      FILES_MAX_MB: '20', FILES_ALLOWED_TYPES: 'application/pdf, image/PNG', FILES_VERIFY_SAMPLE: '0',
    }).files;
    expect(s3).toEqual({
      storage: { driver: 's3', bucket: 'oversight-docs', prefix: 'prod/evidence/', endpoint: 'http://minio:9000', region: 'us-east-1', accessKeyId: 'key', secretAccessKey: 'secret', forcePathStyle: true },
      maxBytes: 20_000_000, allowedTypes: ['application/pdf', 'image/png'], verifySample: 0,
    });
    const aws = loadConfig({ FILES_URL: 's3://oversight-docs', FILES_S3_REGION: 'ap-northeast-1', FILES_S3_ACCESS_KEY_ID: 'k', FILES_S3_SECRET_ACCESS_KEY: 's' }).files.storage;
    expect(aws).toMatchObject({ bucket: 'oversight-docs', prefix: '', region: 'ap-northeast-1', forcePathStyle: false, endpoint: undefined });
  });

  it.each([
    [{ FILES_URL: 'ftp://host/x' }, 'FILES_URL'],
    [{ FILES_URL: 's3://Bad_Bucket' }, 'FILES_URL'],
    [{ FILES_URL: 's3://oversight-docs' }, 'FILES_S3_ACCESS_KEY_ID'],
    [{ FILES_URL: 's3://oversight-docs', FILES_S3_ACCESS_KEY_ID: 'k' }, 'FILES_S3_SECRET_ACCESS_KEY'],
    [{ FILES_S3_ENDPOINT: 'minio:9000' }, 'FILES_S3_ENDPOINT'],
    [{ FILES_MAX_MB: '0' }, 'FILES_MAX_MB'],
    [{ FILES_MAX_MB: 'fifty' }, 'FILES_MAX_MB'],
    [{ FILES_ALLOWED_TYPES: 'pdf, png' }, 'FILES_ALLOWED_TYPES'],
    [{ FILES_VERIFY_SAMPLE: '-1' }, 'FILES_VERIFY_SAMPLE'],
  ])('refuses %j naming %s', (env, variable) => {
    let problems = '';
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems.join('\n');
    }
    expect(problems).toMatch(new RegExp(`^${variable}: `, 'm'));
  });

  it('never prints a password written into FILES_URL', () => {
    expect(() => loadConfig({ FILES_URL: 's3://user:hunter2@oversight-docs' })).toThrow(ConfigError);
    try {
      loadConfig({ FILES_URL: 's3://user:hunter2@oversight-docs' });
    } catch (error) {
      expect((error as Error).message).toContain('FILES_URL: must be local, file:///absolute/folder or s3://bucket/prefix (got "s3://user:***@oversight-docs")');
    }
  });
});
