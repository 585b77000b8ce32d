/** The compact schedule syntax (`--schedule`), as shown by `--help` and in the README. */
export const scheduleGrammar = `schedule := [warm-up ","]... base        (numbers as in JSON: 0.1, 1e-4)
warm-up  := "warmup:" LR "@" STEPS             constant LR for the first STEPS updates (He et al.: warmup:0.01@400)
          | "linear-warmup:" LR "@" STEPS      linear from LR up to the base's rate at update STEPS
base     := "neon"                             = step:90,135
          | "step:" EPOCH ["," EPOCH]...       lr 0.1, x0.1 at each EPOCH (0-indexed, increasing)
          | "multistep:" LR ["*" FACTOR] "@" EPOCH ["," EPOCH]...   FACTOR defaults to 0.1
          | "constant:" LR
          | "cosine" [":" LR [".." MIN_LR]] ["@" EPOCHS]             defaults 0.1, 0, 180
          | "onecycle:" MAX_LR ["@" EPOCHS] ["~" PCT_START]          defaults 180, 0.3
examples: neon | warmup:0.01@400,step:90,135 | multistep:0.1@30,60 | cosine:0.2@200 | onecycle:0.4`;
