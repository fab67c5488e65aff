package dev.graphids.run;

import ai.djl.ndarray.NDManager;
import dev.graphids.cache.GraphCache;
import dev.graphids.error.GraphidsException;
import dev.graphids.model.GraphModel;
import dev.graphids.model.gat.GatClassifier;
import dev.graphids.model.vgae.VgaeModel;
import dev.graphids.tensor.BatchLoader;
import dev.graphids.tensor.GraphBatch;
import dev.graphids.train.Checkpoint;
import dev.graphids.train.Curriculum;
import dev.graphids.train.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The optional parts of a fit run that read other checkpoints: a frozen teacher for knowledge distillation
 * ({@code config.distillation}, models.md §5) and the curriculum's difficulty scores ({@code config.curriculum},
 * models.md §6). Both checkpoints must come from the run's own graph cache; their paths and digests are recorded in
 * the student's checkpoint metadata. A relative checkpoint path is taken from the lake root, so configs can name
 * {@code runs/{dataset}/{experiment}/{run}/checkpoints/best_model.safetensors} on any machine.
 */
final class StudentAndCurriculum {
    private StudentAndCurriculum() {
    }

    /**
     * Loads the teacher and attaches it to {@code student}; the caller closes the returned teacher after the fit.
     *
     * @return the teacher, or null when the run has no distillation block
     */
    static GraphModel attachTeacher(Path lakeRoot, FitRunConfig fit, GraphModel student, GraphCache cache, NDManager root,
                                    long seed, Map<String, String> meta) throws IOException {
        DistillationConfig kd = fit.distillation();
        if (kd == null) {
            return null;
        }
        Path teacherPath = lakeRoot.resolve(kd.teacherCkpt());
        Checkpoint ckpt = open("config.distillation.teacher_ckpt", teacherPath, cache);
        if (!ckpt.modelType().equals(student.type())) {
            throw GraphidsException.usage("config.distillation.teacher_ckpt: expected a " + student.type()
                    + " checkpoint (teacher and student are of one family), found a " + ckpt.modelType() + " one");
        }
        GraphModel teacher = ckpt.model(root);
        if (student instanceof GatClassifier s) {
            s.distilFrom((GatClassifier) teacher, kd.alpha(), kd.temperature(), kd.featureNoise(),
                    kd.similarityWeight());
            meta.put("teacher_feature_noise", Double.toString(kd.featureNoise()));
            meta.put("teacher_similarity_weight", Double.toString(kd.similarityWeight()));
        } else if (student instanceof VgaeModel s) {
            String gatOnly = kd.featureNoise() > 0 ? "feature_noise"
                    : kd.similarityWeight() > 0 ? "similarity_weight" : null;
            if (gatOnly != null) {
                teacher.close();
                throw GraphidsException.usage("config.distillation." + gatOnly + ": applies to gat students; a vgae "
                        + "student matches its teacher's latents and reconstructions (remove the key)");
            }
            s.distilFrom((VgaeModel) teacher, kd.alpha(), kd.latentWeight(), kd.reconWeight(), seed);
        } else {
            teacher.close();
            throw GraphidsException.usage("config.distillation: applies to gat and vgae students, found "
                    + student.type());
        }
        meta.put("teacher_ckpt", teacherPath.toString());
        meta.put("teacher_sha256", ckpt.sha256());
        meta.put("teacher_parameters", Long.toString(teacher.parameterCountWithoutIdTables()));
        return teacher;
    }

    /**
     * The curriculum over the training graphs of {@code train}, or null when the run has none.
     *
     * @param classifier whether the model being fitted is a classifier (the curriculum weighs classification losses)
     */
    static Curriculum curriculum(Path lakeRoot, FitRunConfig fit, boolean classifier, BatchLoader train, GraphCache cache,
                                 NDManager root, long seed, Map<String, String> meta) throws IOException {
        CurriculumConfig c = fit.curriculum();
        if (c == null) {
            return null;
        }
        if (!classifier) {
            throw GraphidsException.usage("config.curriculum: weighs a classifier's loss by graph difficulty; it does "
                    + "not apply to a " + fit.modelChoice().type() + " model (remove the block)");
        }
        int[] labels = Scoring.labels(train);
        float[] difficulty = new float[train.size()];
        if (c.difficulty().equals("random")) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < difficulty.length; i++) {
                difficulty[i] = (float) random.nextDouble();
            }
        } else {
            Path vgaePath = lakeRoot.resolve(c.vgaeCkpt());
            Checkpoint ckpt = open("config.curriculum.vgae_ckpt", vgaePath, cache);
            if (!ckpt.modelType().equals("vgae")) {
                throw GraphidsException.usage("config.curriculum.vgae_ckpt: expected a vgae checkpoint, found a "
                        + ckpt.modelType() + " one");
            }
            try (GraphModel model = ckpt.model(root)) {
                VgaeModel vgae = (VgaeModel) model;
                int done = 0;
                for (int[] members : Scoring.evaluationPlan(train)) {
                    GraphBatch batch = train.batch(members);
                    float[] d = vgae.reconstructionDifficulty(batch);
                    for (int k = 0; k < members.length; k++) {
                        difficulty[members[k]] = d[k];
                    }
                    done += members.length;
                }
                if (done != difficulty.length) {
                    throw new IllegalStateException("scored " + done + " of " + difficulty.length + " graphs");
                }
            }
            meta.put("curriculum_vgae_sha256", ckpt.sha256());
        }
        meta.put("curriculum", c.difficulty());
        return new Curriculum(difficulty, labels, c.startRatio(), c.endRatio(), c.rampEpochs());
    }

    private static Checkpoint open(String key, Path p, GraphCache cache) {
        if (!Files.isRegularFile(p)) {
            throw GraphidsException.usage(key + ": expected a checkpoint file, found nothing at " + p);
        }
        Checkpoint ckpt = Checkpoint.open(p, ModelChoice.types());
        ckpt.requireTrainedOn(cache, key);
        return ckpt;
    }
}
