import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import { FakeEventSource } from '../test/fakeEventSource';
import { fakeFetch } from '../test/fakeServer';
import { FakeXhr } from '../test/fakeXhr';
import { GENERATION_ID, snapshot } from '../test/fixtures';

function image(name: string, type = 'image/jpeg', size = 1024): File {
  const file = new File([new Uint8Array(8)], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

function openForm() {
  window.history.replaceState(null, '', '/');
  render(<App />);
  // A drop or an unusual file dialog can bring any file; the page must judge it itself.
  return userEvent.setup({ applyAccept: false });
}

async function fillValidBrief(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Product name'), 'Aurora Cold Brew');
  await user.type(screen.getByLabelText('Description'), 'Slow-steeped cold brew coffee.');
  await user.upload(screen.getByLabelText('Reference images'), [image('bottle.jpg'), image('pour.png', 'image/png')]);
}

function chosenNames(): string[] {
  const list = screen.queryByRole('list', { name: 'Chosen images' });
  return list ? [...list.querySelectorAll('.image-item__name')].map((n) => n.textContent ?? '') : [];
}

beforeEach(() => {
  FakeXhr.install();
  FakeEventSource.install();
});

describe('NewAdPage', () => {
  it('has every field of the brief with its defaults', () => {
    openForm();
    expect(screen.getByLabelText('Tone')).toHaveValue('warm');
    expect(screen.getByLabelText('Length')).toHaveValue('30');
    expect(screen.getByLabelText('Aspect ratio')).toHaveValue('16:9');
    expect(screen.getByLabelText('Resolution')).toHaveValue('720p');
    expect(screen.getByLabelText('Scenes')).toHaveDisplayValue('Automatic (4 scenes)');
    expect(screen.getByLabelText('Scenes')).toHaveValue('');
    for (const label of ['Product name', 'Description', 'Audience', 'Call to action']) {
      expect(screen.getByLabelText(label)).toHaveValue('');
    }
    const input = screen.getByLabelText('Reference images');
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('multiple');
    expect(input).toHaveAttribute('accept', 'image/jpeg,image/png,image/webp');
  });

  it('explains what is missing or wrong next to each field, before sending anything', async () => {
    const user = openForm();
    await user.click(screen.getByRole('button', { name: 'Create ad' }));

    expect(screen.getByLabelText('Product name')).toHaveAccessibleDescription(/Enter the product’s name\./);
    expect(screen.getByLabelText('Product name')).toHaveFocus();
    expect(screen.getByLabelText('Description')).toHaveAccessibleDescription(/Enter a description\./);
    expect(screen.getByLabelText('Reference images')).toHaveAccessibleDescription(/Add at least one reference image\./);
    expect(screen.getByLabelText('Audience')).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByLabelText('Product name'));
    await user.paste('x'.repeat(81));
    expect(screen.getByLabelText('Product name')).toHaveAccessibleDescription(/Use at most 80 characters \(now 81\)\./);
    await user.clear(screen.getByLabelText('Product name'));
    await user.type(screen.getByLabelText('Product name'), 'Aurora');
    expect(screen.getByLabelText('Product name')).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByLabelText('Call to action'));
    await user.paste('y'.repeat(121));
    expect(screen.getByLabelText('Call to action')).toHaveAccessibleDescription(/Use at most 120 characters \(now 121\)\./);

    await user.click(screen.getByRole('button', { name: 'Add colour' }));
    const colour = screen.getByLabelText('Colour 1');
    await user.clear(colour);
    await user.type(colour, '#12345');
    expect(colour).toHaveAccessibleDescription('Use the form #RRGGBB, for example #1A73E8.');
    for (let i = 0; i < 3; i++) {
      await user.click(screen.getByRole('button', { name: 'Add colour' }));
    }
    expect(screen.getByRole('button', { name: 'Add colour' })).toBeDisabled();

    expect(FakeXhr.requests).toHaveLength(0);
  });

  it('rejects a file that is not an image, and one over 15 MB, before uploading', async () => {
    const user = openForm();
    const input = screen.getByLabelText('Reference images');
    await user.upload(input, [image('notes.txt', 'text/plain'), image('huge.jpg', 'image/jpeg', 16 * 1024 * 1024), image('ok.webp', 'image/webp')]);

    const reasons = screen.getByRole('alert');
    expect(reasons).toHaveTextContent('“notes.txt” is not a JPEG, PNG or WebP image.');
    expect(reasons).toHaveTextContent('“huge.jpg” is 16.0 MB; each image may be at most 15 MB.');
    expect(chosenNames()).toEqual(['ok.webp']);

    // A dropped file goes through the same checks.
    fireEvent.drop(input.closest('.dropzone')!, { dataTransfer: { files: [image('clip.mp4', 'video/mp4')] } });
    expect(screen.getByRole('alert')).toHaveTextContent('“clip.mp4” is not a JPEG, PNG or WebP image.');
    expect(chosenNames()).toEqual(['ok.webp']);
  });

  it('takes at most ten images', async () => {
    const user = openForm();
    const files = Array.from({ length: 12 }, (_, i) => image(`photo-${i + 1}.jpg`));
    await user.upload(screen.getByLabelText('Reference images'), files);
    expect(chosenNames()).toHaveLength(10);
    expect(screen.getByRole('alert')).toHaveTextContent('Only 10 images can be sent; 2 were left out.');
  });

  it('reorders and removes images from the keyboard, and frees their previews', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const user = openForm();
    await user.upload(screen.getByLabelText('Reference images'), [image('a.jpg'), image('b.png', 'image/png'), image('c.webp', 'image/webp')]);
    expect(chosenNames()).toEqual(['a.jpg', 'b.png', 'c.webp']);
    expect(screen.getByRole('button', { name: 'Move a.jpg earlier' })).toBeDisabled();

    screen.getByRole('button', { name: 'Move c.webp earlier' }).focus();
    await user.keyboard('{Enter}');
    expect(chosenNames()).toEqual(['a.jpg', 'c.webp', 'b.png']);
    expect(screen.getByRole('button', { name: 'Move c.webp earlier' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(chosenNames()).toEqual(['c.webp', 'a.jpg', 'b.png']);
    // First now: it can no longer move earlier, so the keyboard stays on the image.
    expect(screen.getByRole('button', { name: 'Move c.webp later' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Move a.jpg later' }));
    expect(chosenNames()).toEqual(['c.webp', 'b.png', 'a.jpg']);

    await user.click(screen.getByRole('button', { name: 'Remove b.png' }));
    expect(chosenNames()).toEqual(['c.webp', 'a.jpg']);
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Remove a.jpg' })).toHaveFocus();
  });

  it('sends the brief and the images in order, shows the upload, and opens the new generation', async () => {
    fakeFetch({ [`GET /api/master-mode/generations/${GENERATION_ID}`]: { status: 200, body: snapshot({ last_seq: 0 }) } });
    const user = openForm();
    await fillValidBrief(user);
    await user.type(screen.getByLabelText('Audience'), '  busy people  ');
    await user.selectOptions(screen.getByLabelText('Aspect ratio'), '9:16');
    await user.selectOptions(screen.getByLabelText('Scenes'), '5');
    await user.click(screen.getByRole('button', { name: 'Add colour' }));
    await user.click(screen.getByRole('button', { name: 'Create ad' }));

    const request = FakeXhr.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/master-mode/generations');
    const brief = request.body!.get('brief') as Blob;
    expect(brief.type).toBe('application/json');
    expect(JSON.parse(await brief.text())).toEqual({
      product_name: 'Aurora Cold Brew',
      description: 'Slow-steeped cold brew coffee.',
      audience: 'busy people',
      tone: 'warm',
      duration_seconds: 30,
      aspect_ratio: '9:16',
      resolution: '720p',
      brand_colors: ['#1A73E8'],
      scene_count: 5,
    });
    expect((request.body!.getAll('images') as File[]).map((f) => f.name)).toEqual(['bottle.jpg', 'pour.png']);

    request.progress(50, 100);
    expect((screen.getByRole('progressbar', { name: 'Upload progress' }) as HTMLProgressElement).value).toBe(50);
    expect(screen.getByText('Uploading… 50%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeDisabled();

    await request.respond(202, {
      generation_id: GENERATION_ID,
      progress_url: `/api/master-mode/progress/${GENERATION_ID}`,
      status_url: `/api/master-mode/generations/${GENERATION_ID}`,
    });
    expect(window.location.pathname).toBe(`/generations/${GENERATION_ID}`);
    expect(await screen.findByRole('progressbar', { name: 'Generation progress' })).toBeInTheDocument();
  });

  it('shows the server’s field errors on the fields and its detail above the form', async () => {
    const user = openForm();
    await fillValidBrief(user);
    await user.click(screen.getByRole('button', { name: 'Add colour' }));
    await user.click(screen.getByRole('button', { name: 'Create ad' }));
    await FakeXhr.requests[0]!.respond(400, {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: 'The brief is invalid: product_name must not contain control characters',
      errors: [
        { field: 'brief.product_name', message: 'must not contain control characters' },
        { field: 'brand_colors[0]', message: 'must be a #RRGGBB colour (got "#1A73E")' },
        { field: 'images[1]', message: 'is not a usable image' },
        { field: 'brief.mood', message: 'is not a brief field' },
      ],
    });

    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Invalid request' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('The brief is invalid: product_name must not contain control characters');
    expect(alert).toHaveTextContent('mood: is not a brief field');
    expect(screen.getByLabelText('Product name')).toHaveAccessibleDescription(/Must not contain control characters\./);
    expect(screen.getByLabelText('Product name')).toHaveFocus();
    expect(screen.getByLabelText('Colour 1')).toHaveAccessibleDescription('Must be a #RRGGBB colour (got "#1A73E").');
    const pour = screen.getByText('pour.png').closest('li')!;
    expect(pour).toHaveTextContent('Is not a usable image.');
    expect(screen.getByRole('button', { name: 'Create ad' })).toBeEnabled();

    // Editing the field clears the server's word on it.
    await user.type(screen.getByLabelText('Product name'), '!');
    expect(screen.getByLabelText('Product name')).not.toHaveAttribute('aria-invalid');
  });

  it('sends the chosen music file with the brief and the images', async () => {
    const user = openForm();
    await fillValidBrief(user);
    const song = new File([new Uint8Array(16)], 'jingle.mp3', { type: 'audio/mpeg' });
    await user.upload(screen.getByLabelText('Music file'), song);
    await user.click(screen.getByRole('button', { name: 'Create ad' }));

    const sent = FakeXhr.requests[0]!.body!.get('music') as File;
    expect(sent.name).toBe('jingle.mp3');
    expect((FakeXhr.requests[0]!.body!.getAll('images') as File[])).toHaveLength(2);
  });

  it('asks for subtitles only when they are ticked', async () => {
    const user = openForm();
    await fillValidBrief(user);
    expect(screen.getByLabelText('Subtitles')).not.toBeChecked();
    await user.click(screen.getByLabelText('Subtitles'));
    await user.click(screen.getByRole('button', { name: 'Create ad' }));

    const brief = JSON.parse(await (FakeXhr.requests[0]!.body!.get('brief') as Blob).text());
    expect(brief.subtitles).toBe(true);
  });

  it('sends no music part when none is chosen', async () => {
    const user = openForm();
    await fillValidBrief(user);
    await user.click(screen.getByRole('button', { name: 'Create ad' }));
    expect(FakeXhr.requests[0]!.body!.has('music')).toBe(false);
  });

  it('refuses a file that is not music, or is too large, before sending anything', async () => {
    const user = openForm();
    await fillValidBrief(user);
    await user.upload(screen.getByLabelText('Music file'), new File(['x'], 'notes.txt', { type: 'text/plain' }));
    await user.click(screen.getByRole('button', { name: 'Create ad' }));
    expect(FakeXhr.requests).toHaveLength(0);
    expect(screen.getByLabelText('Music file')).toHaveAccessibleDescription(/Choose a WAV, MP3, AAC \(M4A\) or Ogg file\./);

    const huge = new File([new Uint8Array(8)], 'long.wav', { type: 'audio/wav' });
    Object.defineProperty(huge, 'size', { value: 21 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('Music file'), huge);
    await user.click(screen.getByRole('button', { name: 'Create ad' }));
    expect(FakeXhr.requests).toHaveLength(0);
    expect(screen.getByLabelText('Music file')).toHaveAccessibleDescription(/at most 20 MB/);
  });

  it('shows the server’s refusal of the music (415) on the music field, not the images', async () => {
    const user = openForm();
    await fillValidBrief(user);
    await user.upload(screen.getByLabelText('Music file'), new File(['x'], 'song.mp3', { type: 'audio/mpeg' }));
    await user.click(screen.getByRole('button', { name: 'Create ad' }));
    await FakeXhr.requests[0]!.respond(415, {
      title: 'Unsupported music',
      status: 415,
      detail: '"song.mp3" is not a music file Reelsmith can use: it could not be decoded as audio.',
      errors: [{ field: 'music', message: 'must be WAV, MP3, AAC or Ogg audio' }],
    });
    await waitFor(() => expect(screen.getByLabelText('Music file')).toHaveAccessibleDescription(/Must be WAV, MP3, AAC or Ogg audio\./));
    expect(screen.getByLabelText('Reference images')).not.toHaveAttribute('aria-invalid');
  });

  it('shows a refused image (413) on the images field', async () => {
    const user = openForm();
    await fillValidBrief(user);
    await user.click(screen.getByRole('button', { name: 'Create ad' }));
    await FakeXhr.requests[0]!.respond(413, {
      title: 'Upload too large',
      status: 413,
      detail: 'Each image may be at most 15 MB, and the brief at most a few kilobytes.',
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Upload too large');
    await waitFor(() =>
      expect(screen.getByLabelText('Reference images')).toHaveAccessibleDescription(/Each image may be at most 15 MB/),
    );
  });
});
