import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, MinLength, ValidateNested, validate } from 'class-validator';
import { Translator } from '../i18n/translator';
import { ProblemRenderer } from './problems';
import { problemCode, problemsOf } from './validation';

class Item {
  @IsIn(['confirmed', 'not-confirmed'])
  status!: string;
}

class Sample {
  @IsString() @MinLength(1) @MaxLength(5)
  name!: string;

  @IsOptional() @IsInt() @Max(10)
  count?: number;

  @IsOptional() @Matches(/^x+$/, problemCode('delete-reason-required'))
  reason?: string;

  @IsOptional() @ValidateNested({ each: true }) @Type(() => Item)
  items?: Item[];
}

async function problemsFor(input: Record<string, unknown>) {
  return problemsOf(await validate(plainToInstance(Sample, input), { whitelist: true, forbidNonWhitelisted: true }));
}

describe('a DTO\'s failed constraints as problems', () => {
  it('one problem per constraint, with the decorator\'s own arguments as values', async () => {
    expect(await problemsFor({ name: 'too long', count: 11 })).toEqual([
      { field: 'name', code: 'validation.maxLength', params: { n: 5 } },
      { field: 'count', code: 'validation.max', params: { n: 10 } },
    ]);
  });

  it('"at least 1 character" is its own code (its Japanese says "enter it"); nested paths are dotted; the choices are listed', async () => {
    expect(await problemsFor({ name: '', items: [{ status: 'confirmed' }, { status: 'maybe' }], colour: 'red' })).toEqual([
      { field: 'colour', code: 'validation.whitelistValidation', params: {} },
      { field: 'name', code: 'validation.minLengthOne', params: { n: 1 } },
      { field: 'items.1.status', code: 'validation.isIn', params: { allowed: ['confirmed', 'not-confirmed'] } },
    ]);
  });

  it('a decorator may name the code of its failure', async () => {
    expect(await problemsFor({ name: 'a', reason: 'y' })).toEqual([{ field: 'reason', code: 'delete-reason-required', params: {} }]);
  });

  it('renders in English as class-validator words it, and in Japanese from the catalogue', async () => {
    const problems = await problemsFor({ name: '', count: 11, items: [{ status: 'maybe' }], colour: 'red' });
    const translator = new Translator();
    expect(problems.map((problem) => new ProblemRenderer(translator, 'en').line(problem))).toEqual([
      'colour: unknown field',
      'name: must be longer than or equal to 1 characters',
      'count: must not be greater than 10',
      'items.0.status: must be one of the following values: confirmed, not-confirmed',
    ]);
    expect(problems.map((problem) => new ProblemRenderer(translator, 'ja').reason(problem))).toEqual([
      'この項目は受け付けられません',
      '入力してください',
      '10以下の数を入力してください',
      '選択肢の中から選んでください',
    ]);
  });
});
