package io.autonoma.agents.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.testkit.EngineContract;
import io.autonoma.core.template.TemplateIndex;
import org.junit.jupiter.api.Test;

class OfflineEngineTest extends EngineContract {

    @Override
    protected Engine engine() {
        return Engine.offline();
    }

    @Test
    void uses_the_offline_agents_as_they_are() {
        TemplateIndex index = DefaultTemplateIndex.keywordOnly();
        EngineContext context = new EngineContext(Autonoma.offlineAgents(index), index);

        assertThat(Engine.offline().agents(context)).containsExactlyElementsOf(context.offlineAgents());
        assertThat(Engine.offline().name()).isEqualTo("offline");
    }

    @Test
    void reads_change_requests_with_the_offline_rules() {
        assertThat(Engine.offline().changeReader()).isInstanceOf(io.autonoma.agents.change.OfflineChangeReader.class);
    }
}
