#!/usr/bin/env python3
"""Replays this project's recorded training steps on the PyTorch peer (../shared/peers).

    /usr/bin/python3 tools/fidelity/peer_replay.py tmp/fidelity/r20 [--init ours|own]
        [--data plan|own] [--steps K] [--threads 2] [--data-dir ../shared/data/cifar10]

Reads what `record-ours.ts` wrote into the folder (ours.json, initial.bin/.json, batches.bin) and
writes peer.json (per-step loss and gradient norms, in our parameter names) and peer-final.bin
(the peer's weights after the steps, in our layouts and index), for `compare.ts`.

The peer is used as a peer: its own model (NeonResNet), optimizer (NeonMomentum), data reading
(load_train), mean and padding (pad_images). Only the random choices come from our record:
  --init ours   start from our initial weights (default); own: the peer's own init for our seed
  --data plan   our record indices, crop offsets and flips, cut by the peer's own code (default);
                own: the peer's own shuffle and augmentation, seeded as the peer seeds them
With --data plan it also cuts our K batches and reports how far they are from ours, pixel by pixel.
"""
import argparse
import importlib.util
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, '..', '..', '..', 'shared', 'peers', 'torch_neon_resnet.py')


def load_peer(path):
    spec = importlib.util.spec_from_file_location('torch_neon_resnet', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def torch_target(model, n, name):
    """Our parameter name -> (peer tensor, layout kind). E.g. stage2/block0/conv1/weights -> mods[n].c1.weight."""
    parts = name.split('/')
    field = {'weights': 'weight', 'gamma': 'weight', 'beta': 'bias',
             'runningMean': 'running_mean', 'runningVariance': 'running_var'}[parts[-1]]
    if parts[0] == 'stem':
        layer = {'conv': model.conv, 'bn': model.bn}[parts[1]]
    elif parts[0] == 'head':
        layer = {'dense': model.fc, 'bn': model.fcbn}[parts[1]]
    else:
        stage, block = int(parts[0][len('stage'):]), int(parts[1][len('block'):])
        module = model.mods[(stage - 1) * n + block]
        layer = {'conv1': module.c1, 'bn1': module.b1, 'conv2': module.c2, 'bn2': module.b2,
                 'projection': module.proj}[parts[2]]
    return getattr(layer, field)


def to_torch_layout(values, shape):
    a = values.reshape(shape)
    if len(shape) == 4:  # conv [kh, kw, cin, cout] -> [cout, cin, kh, kw]
        return a.transpose(3, 2, 0, 1)
    if len(shape) == 2:  # dense [in, out] -> [out, in]
        return a.T
    return a


def to_our_layout(tensor, shape):
    a = tensor.detach().cpu().numpy().astype(np.float32)
    if len(shape) == 4:
        return a.transpose(2, 3, 1, 0)
    if len(shape) == 2:
        return a.T
    return a


def read_weights(folder, name):
    index = json.load(open(os.path.join(folder, name + '.json')))
    values = np.fromfile(os.path.join(folder, name + '.bin'), dtype=np.float32)
    return index, values


def cut(padded, mean, order, crop_x, crop_y, flip):
    """The peer's crop + flip + mean subtraction (BatchAugment's indexing) at given choices."""
    b = len(order)
    ar = torch.arange(32)
    ox, oy = torch.as_tensor(crop_x, dtype=torch.int64), torch.as_tensor(crop_y, dtype=torch.int64)
    flipped = torch.as_tensor(flip, dtype=torch.bool)
    rows = oy.view(b, 1) + ar.view(1, 32)
    cols = ox.view(b, 1) + torch.where(flipped.view(b, 1), 31 - ar.view(1, 32), ar.view(1, 32))
    ii = torch.as_tensor(order, dtype=torch.int64).view(b, 1, 1, 1)
    ch = torch.arange(3).view(1, 3, 1, 1)
    out = padded[ii, ch, rows.view(b, 1, 32, 1), cols.view(b, 1, 1, 32)]
    return out.float().sub_(torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('folder')
    ap.add_argument('--init', choices=['ours', 'own'], default='ours')
    ap.add_argument('--data', choices=['plan', 'own'], default='plan')
    ap.add_argument('--steps', type=int, default=None, help='default: as many as ours.json recorded')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--channels-last', action='store_true', help="the peer's memory format for its own timed runs (other float32 rounding)")
    ap.add_argument('--data-dir', default=os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'cifar10'))
    ap.add_argument('--mean', choices=['own', 'ours'], default='own',
                    help="own: the peer's mean of the records used; ours: the one ours.json recorded (train-app takes "
                         "the whole training set's mean even with --train-records)")
    ap.add_argument('--peer', default=PEER)
    ap.add_argument('--out', default='peer', help='file stem inside the folder (default peer)')
    ap.add_argument('--fixture', default=None,
                    help="also write the peer's trajectory here, condensed for this project's fidelity test "
                         '(settings, per-step loss and gradient norms, norms of the trained weights and running '
                         "means; not the running variances, which PyTorch averages unbiased where neon does not)")
    args = ap.parse_args()

    peer = load_peer(args.peer)
    torch.set_num_threads(args.threads)
    ours = json.load(open(os.path.join(args.folder, 'ours.json')))
    s = ours['settings']
    n, bs, lr = s['depth'], s['batchSize'], s['lr']
    plan = ours['plan']
    steps = args.steps if args.steps is not None else len(ours['steps'])
    if args.data == 'plan' and steps * bs > len(plan['order']):
        sys.exit('peer_replay: --steps %d needs %d planned images, ours.json has %d (record with --plan-batches)'
                 % (steps, steps * bs, len(plan['order'])))

    torch.manual_seed(s['seed'])
    rng = np.random.default_rng(s['seed'])
    x, y = peer.load_train(s['trainRecords'], args.data_dir)
    mean = x.reshape(len(x), 3, -1).mean(axis=(0, 2), dtype=np.float64)
    if args.mean == 'ours':
        mean = np.asarray(s['mean'], dtype=np.float64)
    padded_u8 = peer.pad_images(x, 'mean')
    padded = torch.from_numpy(padded_u8)
    labels = torch.from_numpy(y)

    model = peer.NeonResNet(n)
    index, initial = read_weights(args.folder, 'initial')
    if args.init == 'ours':
        with torch.no_grad():
            for e in index:
                size = int(np.prod(e['shape']))
                values = initial[e['offset']:e['offset'] + size]
                torch_target(model, n, e['name']).copy_(torch.from_numpy(np.ascontiguousarray(to_torch_layout(values, e['shape']))))
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    model.train()
    opt = peer.NeonMomentum(model.parameters())
    trainable = [e for e in index if getattr(torch_target(model, n, e['name']), 'requires_grad', False)]

    ours_batches = None
    batches_path = os.path.join(args.folder, 'batches.bin')
    if args.data == 'plan' and os.path.exists(batches_path) and ours['steps']:
        ours_batches = np.fromfile(batches_path, dtype=np.float32).reshape(-1, 32, 32, 3)
    own_order = peer.epoch_batches(len(y), bs, rng) if args.data == 'own' else None
    own_aug = peer.BatchAugment(padded_u8, mean) if args.data == 'own' else None

    records, worst_pixel = [], 0.0
    loss_sum, wrong = 0.0, 0
    for k in range(steps):
        if args.data == 'plan':
            sl = slice(k * bs, (k + 1) * bs)
            order = plan['order'][sl]
            xb = cut(padded, mean, order, plan['cropX'][sl], plan['cropY'][sl], plan['flip'][sl])
            yb = labels[torch.as_tensor(order, dtype=torch.int64)]
            if ours_batches is not None and k < len(ours_batches) // bs:
                mine = torch.from_numpy(ours_batches[sl]).permute(0, 3, 1, 2)
                worst_pixel = max(worst_pixel, (mine - xb).abs().max().item())
        else:
            idx = own_order[k]
            xb = own_aug(idx, rng)
            yb = labels[torch.from_numpy(idx)]
        if args.channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
        out = model(xb)
        loss = F.cross_entropy(out, yb)
        opt.zero_grad()
        loss.backward()
        norms = {e['name']: torch_target(model, n, e['name']).grad.norm().item() for e in trainable}
        records.append({'loss': loss.item(), 'gradNorms': norms})
        loss_sum += loss.item()
        wrong += (out.argmax(1) != yb).sum().item()
        opt.step(lr)
        if (k + 1) % 25 == 0:
            print('step %d: mean loss so far %.4f' % (k + 1, loss_sum / (k + 1)), flush=True)

    final = np.zeros_like(initial)
    for e in index:
        size = int(np.prod(e['shape']))
        final[e['offset']:e['offset'] + size] = to_our_layout(torch_target(model, n, e['name']), e['shape']).reshape(-1)
    final.tofile(os.path.join(args.folder, args.out + '-final.bin'))
    summary = {'init': args.init, 'data': args.data, 'steps': records,
               'meanLoss': loss_sum / max(steps, 1), 'trainError': wrong / max(steps * bs, 1),
               'peerMean': mean.tolist(),
               'worstPixelDifference': worst_pixel if ours_batches is not None else None}
    json.dump(summary, open(os.path.join(args.folder, args.out + '.json'), 'w'))
    if args.fixture:
        norms = {e['name']: float(np.linalg.norm(final[e['offset']:e['offset'] + int(np.prod(e['shape']))].astype(np.float64)))
                 for e in index if e in trainable or e['name'].endswith('/runningMean')}
        fixture = {'producedBy': 'tools/fidelity/peer_replay.py ' + ' '.join(sys.argv[1:]),
                   'peer': os.path.basename(args.peer), 'torch': torch.__version__,
                   'settings': s, 'steps': records, 'finalNorms': norms}
        with open(args.fixture, 'w') as f:
            json.dump(fixture, f, indent=1)
            f.write('\n')
    print('peer_replay: %d steps (init %s, data %s): mean loss %.4f, training error %.4f%s'
          % (steps, args.init, args.data, summary['meanLoss'], summary['trainError'],
             '' if ours_batches is None else ', largest pixel difference from our batches %.3g' % worst_pixel))


if __name__ == '__main__':
    main()
